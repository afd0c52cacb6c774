"""check_credentials: right pairs and secret pass; any wrong part fails the same way."""

import hmac

import pytest

from cxml import AuthenticationFailed
from cxml import Credential
from cxml import Header
from cxml import Party
from cxml import Sender
from cxml import check_credentials

STORED = [("NetworkID", "AN01000000001"), ("DUNS", "123456789")]


def fake_verify(calls):
    def verify(secret: str, stored_hash: str) -> bool:
        calls.append((secret, stored_hash))
        return hmac.compare_digest(f"hash:{secret}", stored_hash)

    return verify


def header(domain="networkid", identity="AN01000000001", secret="s3cr3t"):  # noqa: S107
    return Header(
        from_=Party(credentials=(Credential(domain=domain, identity=identity),)),
        to=Party(credentials=(Credential(domain="DUNS", identity="987654321"),)),
        sender=Sender(
            credentials=(
                Credential(domain="AribaNetworkUserId", identity="sys", shared_secret=secret),
            ),
            user_agent="test",
        ),
    )


def test_matching_identity_and_secret_return_the_matched_credential():
    calls = []
    matched = check_credentials(
        header(), identities=STORED, secret_hash="hash:s3cr3t", verify=fake_verify(calls)
    )
    assert (matched.domain, matched.identity) == ("networkid", "AN01000000001")
    assert calls == [("s3cr3t", "hash:s3cr3t")]


@pytest.mark.parametrize(
    "wrong",
    [
        {"identity": "AN09999999999"},
        {"domain": "DUNS"},
        {"secret": "guess"},
        {"secret": None},
        {"identity": "an01000000001"},
    ],
)
def test_any_wrong_part_fails_with_the_same_reason_and_always_verifies(wrong):
    calls = []
    with pytest.raises(AuthenticationFailed) as caught:
        check_credentials(
            header(**wrong), identities=STORED, secret_hash="hash:s3cr3t", verify=fake_verify(calls)
        )
    assert caught.value.code == 401
    assert caught.value.reason == (
        "the From/Sender credentials or the shared secret are not recognised"
    )
    assert len(calls) == 1


def test_sender_identities_when_given_must_match_too():
    with pytest.raises(AuthenticationFailed):
        check_credentials(
            header(),
            identities=STORED,
            secret_hash="hash:s3cr3t",
            verify=fake_verify([]),
            sender_identities=[("AribaNetworkUserId", "someone-else")],
        )
    matched = check_credentials(
        header(),
        identities=STORED,
        secret_hash="hash:s3cr3t",
        verify=fake_verify([]),
        sender_identities=[("aribanetworkuserid", "sys")],
    )
    assert matched.identity == "AN01000000001"


def test_an_empty_secret_never_passes_even_if_verify_says_yes():
    with pytest.raises(AuthenticationFailed):
        check_credentials(
            header(secret=""), identities=STORED, secret_hash="x", verify=lambda s, h: True
        )


def test_shared_secrets_stay_out_of_repr():
    assert "s3cr3t" not in repr(header())
