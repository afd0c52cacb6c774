"""The demo SAP partner logs in through OCI out of the box: its settings cover every demo unit."""

from gateway.demo import load_demo


def test_demo_sap_partner_logs_in_and_passes_its_check(app, db, cli):
    load_demo(db, products=400)
    response = app.test_client().post(
        "/oci",
        data={
            "USERNAME": "DEMO_SAP",
            "PASSWORD": "demo-sap-password",
            "HOOK_URL": "http://127.0.0.1:50123/sap/bc/gui/hook",
            "OCI_VERSION": "4.0",
            "~caller": "CTLG",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert "/shop/" in response.headers["Location"]
    check = cli("partner", "check", "demo-sap")
    assert check.exit_code == 0, check.output
    assert check.stderr == ""  # every demo product can be sent: no warning
