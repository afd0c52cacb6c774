"""The bare baseline of the HTTP benchmarks: a Flask endpoint that only parses the posted body
with lxml and answers a fixed cXML Response. Run by bench_punchout.py and bench_orders.py under
the same gunicorn settings as the gateway."""

from flask import Flask
from flask import Response
from flask import request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
ANSWER = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<cXML><Response><Status code="200" text="OK"/></Response></cXML>'
)


@app.post("/cxml")
def parse_only():
    etree.fromstring(request.get_data(), PARSER)
    return Response(ANSWER, content_type="text/xml; charset=UTF-8")
