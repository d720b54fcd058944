"""Issue 19 in the record PDF (text read back): the chair's role and statement of independence, how each
person took part and when, the interpreter and supporter, and each decision's time with quoracy then."""

from __future__ import annotations

from iro_desktop.domain.attendance import TookPart
from iro_desktop.domain.categories import Category
from iro_desktop.domain.chairing import Answer, Chairing, ChairRole
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.services.documents import DocumentKind, render_pdf
from tests.export.pdftext import all_text
from tests.services.test_leads_and_attendance_times import START, meeting  # noqa: F401 (fixture)


def test_the_record_says_who_chaired_how_people_took_part_and_quoracy_at_each_decision(services, meeting):  # noqa: F811
    family, conference, ids, clock = meeting
    ada, ben = family.children
    services.leads.set_chairing(
        conference.id, Chairing(ChairRole.LCPP, Answer.YES, Answer.NO, "No independent chair free.")
    )
    for key in ("sw", "police", "hv", "mum", "interpreter"):
        services.attendance.joined_now(ids[key])
    services.attendance.set_took_part(ids["police"], TookPart.PHONE)
    services.attendance.set_interpreter(ids["interpreter"], "Polish", True)
    mum = services.attendance.get(ids["mum"])
    services.attendance.set_supports(ids["advocate"], mum.person_id)
    clock.minutes(40)
    services.decisions.record(conference.id, ada.id, DecisionInput(Outcome.PLAN_MADE, "P", Category.NEGLECT))
    clock.minutes(50)
    services.attendance.left_now(ids["police"])
    clock.minutes(55)
    services.decisions.record(conference.id, ben.id, DecisionInput(Outcome.PLAN_MADE, "P", Category.NEGLECT))
    clock.minutes(58)
    services.attendance.joined_now(ids["advocate"])  # after both decisions: counts for neither
    text = " ".join(
        all_text(render_pdf(DocumentKind.RECORD, services.documents.document(conference.id))).split()
    )
    assert (
        "Lead Child Protection Practitioner. The chair took part in the section 47 enquiry and has not held"
        " the case. Reason: No independent chair free." in text
    )
    assert "phone; joined 10:00, left 10:50" in text
    assert "interpreter, Polish, not a family member" in text
    assert "supporting Ewa Nowak" in text
    assert "Decided at 10:40. ✔ Quorate" in text
    assert "Decided at 10:55. ⚠ Not quorate: 1 more agency needed" in text
