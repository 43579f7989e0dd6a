from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()

# The partnership's sections, in the order of the service navigation; each names the URL of its
# landing page. A section whose app has not been built yet shows as "coming soon", not as a link.
SECTIONS = [
    ("Overview", "partnership"),
    ("Plan", "plans:plan"),
    ("Crime and ASB", "crime:overview"),
    ("Assessment", "assessment:overview"),
    ("Funding", "funding:overview"),
    ("Meetings", "meetings:list"),
    ("Case reviews", "registers:overview"),
    ("Reports", "reports:list"),
    ("People", "people"),
]


@register.inclusion_tag("ui/partnership_nav.html", takes_context=True)
def partnership_nav(context, access):
    match = context["request"].resolver_match
    sections = []
    for label, url_name in SECTIONS:
        try:
            url = reverse(url_name, args=[access.partnership.slug])
        except NoReverseMatch:
            url = None
        namespace = url_name.split(":")[0] if ":" in url_name else None
        current = match is not None and (
            match.view_name == url_name or (namespace and match.namespace == namespace)
        )
        sections.append({"label": label, "url": url, "current": current})
    return {"partnership": access.partnership, "sections": sections}


@register.filter
def can(access, verb):
    """`{% if access|can:"manage_people" %}`: asks access.py, so templates decide nothing."""
    return access.can(verb)


@register.filter
def money(amount):
    """£34,317.00; a negative amount with a true minus sign, which screen readers say."""
    if amount is None or amount == "":
        return ""
    sign = "\u2212" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.tag
def scroll_box(parser, token):
    """`{% scroll_box "Actions for issue" issue.code %}<table>…</table>{% endscroll_box %}`: a
    wide table scrolls sideways inside its own box, not the page (WCAG reflow). The box is a
    region labelled by the arguments, joined by spaces, and takes keyboard focus, so it can be
    scrolled without a mouse."""
    label = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not label:
        raise template.TemplateSyntaxError("scroll_box needs a label, e.g. the table's caption")
    nodelist = parser.parse(("endscroll_box",))
    parser.delete_first_token()
    return ScrollBoxNode(label, nodelist)


class ScrollBoxNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="sp-scroll-box" role="region" aria-label="{}" tabindex="0">{}</div>',
            " ".join(str(part.resolve(context)) for part in self.label),
            self.nodelist.render(context),  # already safe: the template escaped it
        )
