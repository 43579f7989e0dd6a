"""Each kind of report, built from the data as a `content.Document`.

Facts come from the data where the data has them (the responsible authorities, the grant, the
plan's objectives); the author's own words come from the report's paragraphs, each with its own
classification.
"""

import dataclasses

from django.utils import timezone

from saferplan import financial_years
from saferplan.crime import selectors as crime_stats
from saferplan.crime import statistics
from saferplan.crime import tables as crime_tables
from saferplan.funding.figures import grant_figures
from saferplan.funding.models import Allocation, Grant
from saferplan.partnerships import access
from saferplan.plans import selectors
from saferplan.plans.models import CaseStudy, Plan, Status
from saferplan.registers.selectors import ASB_FIGURES_HEADERS, asb_figures_of_year

from .content import Block, Chart, Document, Section, Table, number_sections, unrestricted_version
from .models import Paragraph, Report


class ReportError(Exception):
    """The report cannot be made from the data as it is; the message says what to do."""


SAMPLE_NOTICE = "Sample data: this partnership and its figures are made up for demonstration."


def build(report, *, paragraphs=None):
    """The report as a document of its classification: a version classified Unrestricted holds
    no restricted paragraph. `paragraphs`: the author's, for a report not saved (else none)."""
    if paragraphs is None:
        paragraphs = report.paragraphs.all() if report.pk else []
    text = written(paragraphs)
    document = Document(
        title=report.title,
        classification=report.get_classification_display(),
        meta=meta_rows(report),
        summary=text[Paragraph.Part.SUMMARY],
        purpose=report.get_purpose_display(),
        sections=BUILDERS[report.kind](report, text),
        contact=contact_rows(report),
        notice=SAMPLE_NOTICE if report.partnership.is_sample else "",
    )
    if not report.is_restricted:
        document = unrestricted_version(document)
    number_sections(document.sections)
    return document


def written(paragraphs):
    """The author's paragraphs as blocks, by part of the report."""
    text = {part: [] for part in Paragraph.Part}
    for paragraph in sorted(paragraphs, key=lambda p: p.position):
        block = Block(" ".join(paragraph.text.split()), restricted=paragraph.is_restricted)
        text[paragraph.part].append(block)
    return text


def cover(report, text):
    plan = Plan.objects.filter(partnership=report.partnership, year=report.year).first()
    implications = [
        Section("Financial", text[Paragraph.Part.FINANCIAL] + grant_paragraphs(report)),
        Section("Legal", [Block(LEGAL)]),
    ]
    if plan:
        implications.append(Section("Corporate", objectives_paragraphs(plan, as_at(report))))
    return [
        Section("Introduction", introduction(report, text)),
        Section(
            "Meeting topics",
            text[Paragraph.Part.TOPICS] or agenda_paragraphs(report),
            subsections=chosen_sections(report),
        ),
        Section("Options/Actions", text[Paragraph.Part.OPTIONS]),
        Section("Corporate Implications", subsections=implications),
        Section("Recommendation", text[Paragraph.Part.RECOMMENDATIONS]),
    ]


def chosen_sections(report):
    """Why the priorities of the year's plan and of the next year's were chosen, where they were
    chosen from the strategic assessment: each with the reason kept when it was chosen."""
    plans = Plan.objects.filter(
        partnership=report.partnership, year__in=[report.year, report.year + 1]
    )
    sections = []
    for plan in plans.order_by("year"):
        chosen = selectors.chosen_from_the_assessment(plan)
        if not chosen:
            continue
        draft = "" if plan.status == Plan.Stage.ADOPTED else "draft "
        blocks = [
            Block(
                " ".join(f"{priority}. {priority.chosen_because}".split()),
                items=[
                    f"{priority.number}.{i.number} {i.title}: {i.chosen_because}" for i in issues
                ],
            )
            for priority, issues in chosen
        ]
        sections.append(
            Section(f"Why the {draft}{plan.label} plan's priorities were chosen", blocks)
        )
    return sections


def progress_update(report, text):
    """For the Working Party: where the plan stands at the meeting, and what is late."""
    plan = plan_of(report)
    day = as_at(report)
    by_priority = selectors.plan_progress(plan, by="priority", as_at=day)
    by_issue, by_agency = (regrouped(by_priority, by) for by in ("issue", "agency"))
    crime, data_notes = crime_sections(report)
    sections = [
        Section(
            "Introduction",
            [
                Block(
                    f"This report sets out the progress of the agencies against the emerging "
                    f"issues and actions of the {plan.label} Community Safety Plan as at "
                    f"{day:%-d %B %Y}."
                ),
                *adoption_blocks(plan, day),
                *text[Paragraph.Part.INTRODUCTION],
                # Only while partners still have time: from 31 March the figures are final.
                *([Block(CAVEAT)] if day < plan.ends else []),
            ],
        ),
        Section(
            "Progress of the plan",
            [
                Block(totals_sentence(by_priority), chart=status_chart(by_priority)),
                Block("By emerging issue:", table=counts_table(by_issue)),
                Block("By lead agency:", table=counts_table(by_agency)),
            ],
        ),
        crime,
        Section("Overdue actions", overdue_blocks(by_priority)),
        Section("Case studies", case_study_blocks(plan)),
        Section("Recommendation", text[Paragraph.Part.RECOMMENDATIONS]),
        data_notes,
    ]
    return [section for section in sections if section.blocks]


def adoption_blocks(plan, day):
    """Who adopted the plan and when, as its reports say it; nothing for a plan not adopted
    by the report's day."""
    if plan.status != Plan.Stage.ADOPTED or plan.adopted_on is None or plan.adopted_on > day:
        return []
    by = f" by {plan.adopted_by}" if plan.adopted_by else ""
    return [Block(f"The plan was adopted{by} on {plan.adopted_on:%-d %B %Y}.")]


def end_of_year(report, text):
    """Each priority's actions with their final status and latest update, case studies and the
    grant's outturn."""
    plan = plan_of(report)
    day = as_at(report)
    progress = selectors.plan_progress(plan, by="priority", as_at=day)
    crime, data_notes = crime_sections(report)
    sections = [
        Section(
            "Introduction",
            [
                Block(
                    f"This report sets out what the agencies achieved against the "
                    f"{plan.label} Community Safety Plan, as at {day:%-d %B %Y}."
                ),
                *adoption_blocks(plan, day),
                *text[Paragraph.Part.INTRODUCTION],
            ],
        ),
        Section(
            "The year in figures",
            [Block(totals_sentence(progress), chart=status_chart(progress))],
        ),
    ]
    for priority, issues in progress.outline():
        actions = [action for _, of_issue in issues for action in of_issue]
        sections.append(
            Section(
                f"Priority {priority.number}: {priority.title}",
                [Block(counts_sentence(actions), table=final_status_table(actions))],
            )
        )
    sections += [
        crime,
        Section("Anti-social behaviour case reviews", asb_case_review_blocks(report)),
        Section("Case studies", case_study_blocks(plan)),
        Section("Funding", funding_blocks(report)),
        Section("Recommendation", text[Paragraph.Part.RECOMMENDATIONS]),
        data_notes,
    ]
    return [section for section in sections if section.blocks]


def scrutiny(report, text):
    """For Overview and Scrutiny, on two pages: each agency's performance and the objectives."""
    plan = plan_of(report)
    day = as_at(report)
    by_agency = selectors.plan_progress(plan, by="agency", as_at=day)
    coverage = selectors.objectives_coverage(by_agency.plan)
    return [
        Section(
            "Introduction",
            [
                Block(
                    f"This summary sets out the performance of the partnership's agencies and "
                    f"the progress made against the objectives of the {plan.label} Community "
                    f"Safety Plan, as at {day:%-d %B %Y}."
                ),
                *adoption_blocks(plan, day),
                *text[Paragraph.Part.INTRODUCTION],
            ],
        ),
        Section(
            "Performance of each agency",
            [Block(totals_sentence(by_agency), table=agency_table(by_agency))],
        ),
        Section(
            "Progress against the plan's objectives",
            [Block(coverage_sentence(coverage), table=coverage_table(coverage))],
        ),
        Section("Recommendation", text[Paragraph.Part.RECOMMENDATIONS]),
    ]


def strategic_assessment(report, text):
    from . import strategic  # imported here: it builds on this module's helpers

    return strategic.sections(report, text)


BUILDERS = {
    Report.Kind.COVER: cover,
    Report.Kind.PROGRESS: progress_update,
    Report.Kind.END_OF_YEAR: end_of_year,
    Report.Kind.SCRUTINY: scrutiny,
    Report.Kind.STRATEGIC_ASSESSMENT: strategic_assessment,
}

CAVEAT = (
    "Partners have until 31 March to complete their actions, and the year's statistics take a "
    "while to analyse, so these figures are not the final outcome."
)
STATUS_LABELS = {
    Status.COMPLETED: "Completed",
    Status.UNDERWAY: "Underway",
    Status.NOT_STARTED: "Not started",
}

LEGAL = (
    "The Community Safety Plan is evidence that the council and the other responsible "
    "authorities meet their statutory duties under the Crime and Disorder Act 1998 and the "
    "legislation that has amended it since."
)


def introduction(report, text):
    authorities = responsible_authorities(report.partnership)
    host = next((a for a in authorities if a.kind == a.Kind.DISTRICT_COUNCIL), None)
    partners = [a.name for a in authorities if a != host]
    standard = [
        Block(
            "The Crime and Disorder Act 1998, as amended since, requires the council and the "
            f"other responsible authorities ({join(partners)}) to form a Community Safety "
            "Partnership, so that agencies work together to reduce crime and disorder, substance "
            "misuse and re-offending in the local area."
            + (
                f" {host.name} facilitates the partnership on behalf of these agencies."
                if host
                else ""
            )
        ),
        Block(
            "Each partnership must carry out a strategic assessment of the data its partners "
            "collect and draw it together into a strategy, the Community Safety Plan, that "
            "identifies the priority issues and the actions to resolve or reduce them."
        ),
        Block(
            f"The {report.committee} oversees the progress of the partnership's responsible "
            f"authorities: {join([a.name for a in authorities])}. Each year a terms of reference "
            "is agreed with the agencies and directs the topics for discussion over the year."
        ),
    ]
    plan = Plan.objects.filter(partnership=report.partnership, year=report.year).first()
    if plan:
        standard.append(
            Block(
                "This report details the key topics for discussion at the meeting and how the "
                f"{report.committee} is kept up to date on progress against the {plan.label} "
                "Community Safety Plan."
            )
        )
    return standard + text[Paragraph.Part.INTRODUCTION]


def plan_of(report):
    plan = Plan.objects.filter(partnership=report.partnership, year=report.year).first()
    if plan is None:
        raise ReportError(
            f"{report.partnership} has no plan for {financial_years.label(report.year)}: record "
            "the plan first, or choose the year of a plan that exists."
        )
    return plan


def as_at(report):
    """The day the figures are counted: the meeting's; without one, today, or the end of the
    plan's year once it is over."""
    if report.meeting_date:
        return report.meeting_date
    return min(timezone.localdate(), financial_years.ends(report.year))


def regrouped(progress, by):
    """The same actions counted by another grouping, without reading them again."""
    groups = selectors.group_counts(by, progress.actions, progress.priorities, progress.plan)
    return dataclasses.replace(progress, by=by, groups=groups)


def totals_sentence(progress):
    total = progress.total
    return (
        f"Of the plan's {total.total} actions, {total.completed} are completed, "
        f"{total.underway} underway and {total.not_started} not started."
    )


def counts_sentence(actions):
    done = sum(1 for action in actions if action.status == Status.COMPLETED)
    return f"{done} of its {len(actions)} actions are completed."


def status_chart(progress):
    groups = progress.groups
    return Chart(
        title=f"Actions by {progress.group_label.lower()}, as at {progress.as_at:%-d %B %Y}",
        labels=[g.label for g in groups],
        series={
            "Completed": [g.completed for g in groups],
            "Underway": [g.underway for g in groups],
            "Not started": [g.not_started for g in groups],
        },
        colours=["#00703c", "#1d70b8", "#505a5f"],
        labels_heading=progress.group_label,
    )


def counts_table(progress):
    return Table(
        caption=f"Actions by {progress.group_label.lower()}",
        headers=[progress.group_label, "Completed", "Underway", "Not started", "Total"],
        rows=[
            [g.label, g.completed, g.underway, g.not_started, g.total]
            for g in [*progress.groups, progress.total]
        ],
    )


def overdue_blocks(progress):
    """How many actions each agency has overdue, then each agency's list: what it owes. Once
    the plan year has ended nothing is overdue any more (selectors.is_chased): the actions it
    ended with unfinished are listed instead."""
    late, heading, caption = progress.overdue, "Actions past their target date", "Overdue"
    if progress.as_at > progress.plan.ends:
        late = [action for action in progress.actions if action.status != Status.COMPLETED]
        heading = f"Actions of the plan year ended {progress.plan.ends:%-d %B %Y}"
        caption = "Not completed"
    if not late:
        return [Block("No action is past its target date.")]
    by_agency = {}
    for action in late:
        by_agency.setdefault(action.lead_agency.name, []).append(action)
    blocks = [
        Block(
            f"{heading} and not completed: {len(late)}.",
            table=Table(
                caption=f"{caption} actions by lead agency".capitalize(),
                headers=["Lead agency", caption],
                rows=[[agency, len(actions)] for agency, actions in sorted(by_agency.items())],
            ),
        )
    ]
    for agency, actions in sorted(by_agency.items()):
        items = [
            f"{a.code} {a.title} (due {a.target_date:%-d %b %Y}, {STATUS_LABELS[a.status].lower()})"
            for a in actions
        ]
        blocks.append(Block(f"{agency}:", items=items))
    return blocks


def final_status_table(actions):
    return Table(
        caption="Actions, their status and latest update",
        headers=["Action", "Lead agency", "Status", "Latest update"],
        rows=[
            [f"{a.code} {a.title}", a.lead_agency.name, STATUS_LABELS[a.status], a.last_note or ""]
            for a in actions
        ],
    )


def asb_case_review_blocks(report):
    """The year's figures that s.104 of the Anti-social Behaviour, Crime and Policing Act 2014
    requires to be published, counted from the register (noughts too: they are published)."""
    figures = asb_figures_of_year(report.partnership, report.year)
    return [
        Block(
            f"In {figures.label} the partnership received {figures.applications} "
            f"application{'s' if figures.applications != 1 else ''} for an ASB case review and "
            f"carried out {figures.reviews_carried_out} "
            f"review{'s' if figures.reviews_carried_out != 1 else ''}.",
            table=Table(
                caption="ASB case reviews (Anti-social Behaviour, Crime and Policing Act 2014, "
                "section 104)",
                headers=ASB_FIGURES_HEADERS,
                rows=[figures.as_row()],
            ),
        )
    ]


def case_study_blocks(plan):
    """Publishable case studies for everyone; the others only in a restricted report."""
    studies = CaseStudy.objects.filter(plan=plan).order_by("title")
    return [
        Block(
            f"{study.title}. {study.summary} Outcome: {study.outcome}",
            restricted=not study.publishable,
        )
        for study in studies
    ]


def funding_blocks(report):
    blocks = []
    for grant in Grant.objects.filter(partnership=report.partnership, year=report.year):
        rows, total = grant_figures(grant)
        blocks.append(
            Block(
                f"{grant}: {pounds(total.spent)} of {pounds(grant.amount)} spent, "
                f"{pounds(total.forecast)} forecast by 31 March.",
                table=Table(
                    caption=f"{grant} by allocation",
                    headers=["Allocation", "Budget", "Spent", "Forecast", "Variance"],
                    rows=[
                        [
                            r.name,
                            *(f"£{v:,.2f}" for v in (r.budget, r.spent, r.forecast, r.variance)),
                        ]
                        for r in [*rows, total]
                    ],
                ),
            )
        )
    return blocks


@crime_stats.one_version()
def crime_sections(report):
    """The police.uk figures for the area as they stood on the report's day: the 12 months to the
    latest month that had ended by then against the 12 before, and the financial year to date;
    and an annex with the data's notes for whoever checks the figures (members read the report,
    not the analyst's checks). Each is empty (and so left out) where it has nothing to say. The
    crime data's version is read once for them all, as on the crime page."""
    partnership = report.partnership
    to = crime_stats.latest_month(partnership, before=as_at(report))
    if to is None:
        return Section(CRIME_HEADING), data_notes_annex([])
    totals = crime_stats.two_years_of_totals(partnership, to)
    year = crime_stats.compare_periods(partnership, to=to, totals=totals)
    quarter = crime_stats.compare_periods(partnership, months=3, to=to, totals=totals)
    trend = crime_stats.monthly_trend(partnership, months=12, to=to, totals=totals)
    blocks = [
        Block(
            f"The latest police.uk figures for the partnership's area are for {to:%B %Y}. "
            "Police.uk publishes each month's figures a month or two after it ends, so the "
            "most recent weeks are not included."
        ),
        Block(
            crime_sentence(year),
            chart=Chart(
                title=f"Crime and anti-social behaviour month by month, to {to:%B %Y}",
                labels=[crime_tables.month_label(point.month) for point in trend.months],
                series={
                    crime_stats.ALL_CRIME: [point.all_crime for point in trend.months],
                    crime_stats.ASB: [point.asb for point in trend.months],
                },
                colours=["#1d70b8", "#f47738"],
                labels_heading="Month",
                lines=True,  # a trend reads as lines, as on the crime page
            ),
            table=report_table(crime_tables.comparison_table(year, quarter)),
        ),
        Block(
            "The financial year to date:",
            table=report_table(
                crime_tables.year_to_date_table(
                    crime_stats.financial_year_to_date(partnership, to=to, totals=totals)
                )
            ),
        ),
    ]
    notes = crime_stats.data_quality(partnership, to=to, totals=totals).notes
    return Section(CRIME_HEADING, blocks), data_notes_annex(notes)


def data_notes_annex(notes):
    """The police.uk data's notes at the end of a paper, empty (so left out) when there are none."""
    return Section(
        DATA_NOTES_HEADING, [Block(DATA_NOTES_INTRODUCTION, items=notes)] if notes else []
    )


CRIME_HEADING = "Crime and anti-social behaviour"
DATA_NOTES_HEADING = "Annex: notes on the police.uk data"
DATA_NOTES_INTRODUCTION = (
    "For those who check the crime figures before quoting them: what the police.uk data itself "
    "shows about the months used."
)


def crime_sentence(comparison):
    """The totals of the latest 12 months and, where the 12 before are loaded, the change, called a
    rise or a fall only where it is beyond chance."""
    rows = {row.category: row for row in comparison.rows}
    crime, asb = rows[crime_stats.ALL_CRIME], rows[crime_stats.ASB]
    sentence = (
        f"In {crime_tables.period_label(comparison.current)} police.uk recorded "
        f"{crime.current:,} crimes (excluding anti-social behaviour) and {asb.current:,} "
        "incidents of anti-social behaviour in the area."
    )
    if comparison.current.complete and comparison.previous.complete:
        sentence += (
            f" Against the 12 months before, crime is {direction(crime.current, crime.previous)} "
            f"and anti-social behaviour {direction(asb.current, asb.previous)}."
        )
    return f"{sentence} {crime_tables.CHANGE_RULE}"


def direction(now, before):
    """How a count moved, and whether beyond chance: "up 12.3% (a rise, p = 0.0030)"."""
    change = statistics.compare_counts(now, before)
    verdict = {statistics.RISE: "a rise", statistics.FALL: "a fall"}.get(
        change.verdict, change.verdict
    )
    if not change.percent:
        moved = "unchanged" if now == before else f"up from none to {now:,}"
    else:
        moved = f"{'up' if change.percent > 0 else 'down'} {abs(change.percent)}%"
    return f"{moved} ({verdict}, {change.p_text})"


def report_table(table):
    """A Crime and ASB page table as a report's table, its changes written out."""
    return Table(
        caption=table.title,
        headers=table.headers,
        rows=[
            [str(cell) if isinstance(cell, crime_tables.Change) else cell for cell in row]
            for row in table.rows
        ],
    )


def agency_table(progress):
    overdue, stale = {}, {}
    for action in progress.actions:
        overdue[action.lead_agency_id] = overdue.get(action.lead_agency_id, 0) + action.is_overdue
        stale[action.lead_agency_id] = stale.get(action.lead_agency_id, 0) + action.is_stale
    return Table(
        caption="Actions led by each agency",
        headers=[
            "Lead agency",
            "Completed",
            "Underway",
            "Not started",
            "Overdue",
            "No recent update",
        ],
        rows=[
            [
                g.label,
                g.completed,
                g.underway,
                g.not_started,
                overdue.get(g.key.pk, 0),
                stale.get(g.key.pk, 0),
            ]
            for g in progress.groups
        ],
    )


def coverage_sentence(coverage):
    uncovered = [str(c.objective) for c in coverage if not c.covered]
    if not uncovered:
        return "Every corporate plan objective is served by at least one action."
    return f"No action serves {join(uncovered)}."


def coverage_table(coverage):
    return Table(
        caption="Corporate plan objectives and the plan's priorities that serve them",
        headers=["Objective", "Priorities", "Actions"],
        rows=[
            [str(c.objective), "; ".join(p.title for p in c.priorities) or "None", c.actions]
            for c in coverage
        ],
    )


def objectives_paragraphs(plan, day):
    coverage = selectors.objectives_coverage(plan)
    served = sorted((c for c in coverage if c.covered), key=lambda c: -c.actions)
    if not served:
        return []
    named = [
        f"priority {c.objective.number} '{c.objective.title}' ({c.actions} actions)" for c in served
    ]
    return [
        Block(
            f"The priorities of the {plan.label} Community Safety Plan serve these objectives of "
            f"the {served[0].objective.corporate_plan}: {join(named)}."
        )
    ]


def agenda_paragraphs(report):
    """Without topics written by the author, the meeting's agenda says what members will hear."""
    if report.meeting is None:
        return []
    blocks = []
    for item in report.meeting.items.all():
        by = f", presented by {item.presenter}" if item.presenter else ""
        text = f"{item.title}{by} ({item.get_purpose_display().lower()})."
        blocks.append(
            Block(text, restricted=item.classification != item.Classification.UNRESTRICTED)
        )
    return blocks


def grant_paragraphs(report):
    grants = Grant.objects.filter(partnership=report.partnership, year=report.year)
    return [Block(grant_sentence(grant)) for grant in grants]


def grant_sentence(grant):
    uses = [
        USES[kind]
        for kind in Allocation.Kind.values
        if grant.allocations.filter(kind=kind).exists() and kind in USES
    ]
    text = (
        f"The {grant.funder} has confirmed that {grant.partnership} will be awarded a grant of "
        f"{pounds(grant.amount)} to assist in the delivery of the partnership's functions."
    )
    if uses:
        text += f" It will be used for {join(uses)}."
    return text


USES = {
    Allocation.Kind.COMMISSIONING: "commissioning organisations",
    Allocation.Kind.SMALL_GRANTS: (
        "distributing to local groups for specific crime prevention projects"
    ),
    Allocation.Kind.PUBLICITY: (
        "publicity material to better inform residents of the help available to them"
    ),
}


def pounds(amount):
    """£34,317 for whole pounds, as councils write them; £1,250.50 otherwise."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def responsible_authorities(partnership):
    return list(
        access.agencies_of(partnership).filter(is_responsible_authority=True).order_by("pk")
    )


def meta_rows(report):
    to = report.committee
    if report.meeting_date:
        to += f" – {report.meeting_date:%-d %B %Y}"
    by = report.author + (f" – {report.author_post}" if report.author_post else "")
    return [
        ("To", to),
        ("By", by),
        ("Classification", report.get_classification_display()),
        ("Ward", report.ward),
    ]


def contact_rows(report):
    """The name, post and telephone of the officer to contact, as council reports give them:
    "Martyn Cassell, Community Safety and Leisure Manager x7367"."""
    contact_post = report.author_post if report.contact_officer == report.author else ""
    rows = []
    for label, name, post, phone in [
        ("Contact Officer", report.contact_officer, contact_post, report.contact_phone),
        ("Reporting to", report.reporting_to, "", report.reporting_to_phone),
    ]:
        if name:
            rows.append((label, f"{', '.join(filter(None, [name, post]))} {phone}".strip()))
    return rows


def join(names):
    """'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
