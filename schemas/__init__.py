"""XSDs written for this project; loaded as package data, never imported for code."""
