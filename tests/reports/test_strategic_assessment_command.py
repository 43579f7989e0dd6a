"""`saferplan report strategic-assessment` on the demo: the data sources it names, with their
lag, and the illustrative harm weights said to be so."""

import io

from django.core.management import call_command

from tests.reports.conftest import docx_text


def test_the_command_writes_the_demos_strategic_assessment(demo, tmp_path):
    out = tmp_path / "assessment.docx"
    call_command(
        "report",
        "strategic-assessment",
        "--partnership=thanet",
        "--year=2015",
        "--format=docx",
        f"--out={out}",
        stdout=io.StringIO(),
    )
    text = docx_text(out.read_bytes())
    assert "STRATEGIC ASSESSMENT FOR THE 2015-16 PLAN" in text
    assert "Deliberate fires (sample data)" in text
    assert "They are illustrative" in text
    assert "Police.uk street-level crime" in text
