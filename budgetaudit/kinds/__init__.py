"""The closed set of rule kinds. Each module declares PARAMS, PLACEHOLDERS and check(rule, document, reporter).

PARAMS maps a parameter name to (type, default); a default of ... marks it required.
PLACEHOLDERS are the names a rule's message template may use. CHOICES: the values a string parameter
may take where a kind dispatches on it (checked when the rule file is loaded, never at check time); a kind
whose module declares CHECKS (evaluation) takes those for its `check`.
"""

from . import agree, average, change, completeness, crossdoc, equal, extraction, names, product, share, total
from . import evaluation

KINDS = {
    "sum": total,
    "share": share,
    "change": change,
    "agree": agree,
    "average": average,
    "product": product,
    "equal": equal,
    "extraction": extraction,
    "completeness": completeness,
    "evaluation": evaluation,
    "names": names,
    "crossdoc": crossdoc,  # run across documents by budgetaudit/crossdoc.py, never within one
}

CHOICES = {
    ("agree", "of"): ("changes", "facts", "scopes", "years"),
    ("change", "check"): ("rate", "direction", "flat", "base", "flat_figures", "increase_bound", "points",
                          "annual"),
    ("share", "of"): ("share", "completion"),
    ("completeness", "check"): ("sections", "evaluations", "tables"),
    ("sum", "mode"): ("partition", "subset"),
    ("crossdoc", "compare"): crossdoc.COMPARES,
}
