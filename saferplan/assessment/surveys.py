"""Residents' surveys: reading their results from a CSV, and the public-concern score they
suggest for a candidate issue.

A results file is checked as a dataset file is (files.py): every line first, each bad one named,
nothing saved unless all are good.
"""

from dataclasses import dataclass

from django.utils import timezone

from saferplan.plans.spreadsheet import BadSpreadsheet, shown

from .files import Problems, parse_count, rows_of
from .models import HIGHEST_SCORE, LOWEST_SCORE, SurveyResult

ANSWER_COLUMNS = ["question", "answer", "count"]
THEME_COLUMNS = ["theme", "count"]
TEXT_LENGTH = SurveyResult._meta.get_field("answer").max_length
NO_COLUMNS = "line 1: no column"

# The rule the survey page states: each tenth of the respondents naming it adds a point.
SCORE_BAND = 10  # percentage points of respondents per point of the score
SCORE_RULE = (
    f"The suggested public-concern score is the share of the survey's respondents who gave the "
    f"answer or named the theme: under {SCORE_BAND}% scores {LOWEST_SCORE}, "
    f"{SCORE_BAND}% to under {2 * SCORE_BAND}% scores 2, {2 * SCORE_BAND}% to under "
    f"{3 * SCORE_BAND}% scores 3, {3 * SCORE_BAND}% to under {4 * SCORE_BAND}% scores 4, and "
    f"{4 * SCORE_BAND}% or more scores {HIGHEST_SCORE}."
)
SUGGESTION_RULE = (
    "It is a suggestion: it counts in the ranking only once a partner gives it as their score."
)
FROM_SURVEY = "from the residents' survey"


def read_results(path, respondents):
    """The unsaved results of a file of question, answer, count (or theme, count), or
    BadSpreadsheet naming each bad line. A count above `respondents` is one."""
    table, themes = survey_table(path)
    problems, results, seen = Problems(), [], {}
    for line, cells in table:
        before = problems.found
        question = "" if themes else cells["question"]
        answer = cells["theme" if themes else "answer"]
        texts = {"theme": answer} if themes else {"question": question, "answer": answer}
        for column, text in texts.items():
            if not text:
                problems.add(f"line {line}, column '{column}': is empty")
            elif len(text) > TEXT_LENGTH:
                problems.add(
                    f"line {line}, column '{column}': longer than {TEXT_LENGTH} characters"
                )
        count = None
        try:
            count = parse_count(cells["count"])
        except ValueError as error:
            problems.add(f"line {line}, column 'count': {error}")
        if count is not None and count > respondents:
            problems.add(
                f"line {line}, column 'count': {count:,} is more than the {respondents:,} people "
                "who answered the survey"
            )
        key = (question.lower(), answer.lower())
        if problems.found == before:
            if key in seen:
                problems.add(f"line {line}: {shown(answer)} is counted on line {seen[key]} too")
                continue
            seen[key] = line
            results.append(SurveyResult(line=line, question=question, answer=answer, count=count))
    problems.raise_any()
    return results


def survey_table(path):
    """(rows, whether they are free-text themes) of a file with either set of columns."""
    try:
        return rows_of(path, ANSWER_COLUMNS), False
    except BadSpreadsheet as bad:
        if not bad.problems[0].startswith(NO_COLUMNS):
            raise
        try:
            return rows_of(path, THEME_COLUMNS), True
        except BadSpreadsheet:
            raise BadSpreadsheet(
                [f"{bad.problems[0]}; or, for free-text themes, {', '.join(THEME_COLUMNS)}"]
            ) from None


def save_results(survey, results, *, loaded_by):
    """Save the survey with `results` in place of any it had; call inside a transaction."""
    survey.loaded_by, survey.loaded_at = loaded_by, timezone.now()
    survey.save()
    survey.results.all().delete()
    for result in results:
        result.survey = survey
    SurveyResult.objects.bulk_create(results)


@dataclass(frozen=True)
class SuggestedScore:
    result: SurveyResult
    value: int

    @property
    def share(self):
        return f"{self.result.count * 100 / self.result.survey.respondents:.1f}%"

    @property
    def given_by(self):
        return f"Suggested {FROM_SURVEY}"

    def sentence(self):
        survey = self.result.survey
        named = "named the theme" if not self.result.question else "answered"
        return (
            f"{self.share} of the {survey.respondents:,} people who answered {survey} "
            f"({survey.carried_out}) {named} '{self.result}': suggested score {self.value}, "
            f"{FROM_SURVEY}"
        )


def suggested_value(count, respondents):
    """The score of SCORE_RULE, in whole numbers so that a band's edge is exact."""
    return min(HIGHEST_SCORE, LOWEST_SCORE + count * 100 // (respondents * SCORE_BAND))


def suggested_score(issue):
    """The public-concern score the issue's linked survey result suggests, or None."""
    link = getattr(issue, "concern_link", None)
    if link is None:
        return None
    result = link.result
    return SuggestedScore(result, suggested_value(result.count, result.survey.respondents))
