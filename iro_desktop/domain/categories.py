"""Categories of harm for a child protection plan, stored as codes so reports can count them.

One primary category is the rule (domain.md section 4): the DfE definitions point to a single category
and national guidance says "multiple" should not be used. Some councils still allow it as local policy;
then it needs a written reason.
"""

from __future__ import annotations

import enum

from iro_desktop.domain.errors import Problem


class Category(enum.StrEnum):
    """Category of harm, as the one-letter code reports count."""

    NEGLECT = "N"
    PHYSICAL = "P"
    EMOTIONAL = "E"
    SEXUAL = "S"
    MULTIPLE = "M"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def definition(self) -> str:
        return DEFINITIONS[self]


SINGLE_CATEGORIES: tuple[Category, ...] = (
    Category.NEGLECT,
    Category.PHYSICAL,
    Category.EMOTIONAL,
    Category.SEXUAL,
)

_LABELS = {
    Category.NEGLECT: "Neglect",
    Category.PHYSICAL: "Physical abuse",
    Category.EMOTIONAL: "Emotional abuse",
    Category.SEXUAL: "Sexual abuse",
    Category.MULTIPLE: "Multiple categories",
}

# Short paraphrases of the Working Together to Safeguard Children definitions, to have at hand while
# deciding. They are reminders, not the statutory text.
DEFINITIONS = {
    Category.NEGLECT: (
        "Persistent failure to meet a child's basic physical and/or psychological needs, likely to "
        "seriously impair the child's health or development: for example adequate food, clothing and "
        "shelter, protection from harm or danger, supervision, access to medical care, or response to "
        "the child's emotional needs. It may occur during pregnancy (for example through maternal "
        "substance misuse)."
    ),
    Category.PHYSICAL: (
        "Hitting, shaking, throwing, poisoning, burning or scalding, drowning, suffocating or otherwise "
        "causing physical harm to a child, including when a parent or carer fabricates or induces "
        "illness in a child."
    ),
    Category.EMOTIONAL: (
        "Persistent emotional maltreatment severe enough to affect the child's emotional development: "
        "making a child feel worthless, unloved or inadequate, age-inappropriate expectations, "
        "seeing or hearing the ill-treatment of another (including domestic abuse), serious bullying, "
        "or causing frequent fear or danger. Some emotional abuse is part of all maltreatment, but it "
        "may also occur alone."
    ),
    Category.SEXUAL: (
        "Forcing or enticing a child to take part in sexual activities, whether or not the child is "
        "aware of what is happening, including contact and non-contact activities (such as involving "
        "children in looking at or producing sexual images, or grooming a child in preparation for "
        "abuse, including online). Abusers may be adults or other children."
    ),
    Category.MULTIPLE: (
        "More than one category applies and no single one describes the harm. National guidance "
        "advises against it; use only where local policy allows and write down why."
    ),
}

MAX_REASON = 2000


def categories_offered(allow_multiple: bool) -> tuple[Category, ...]:
    """The categories a chair may choose from under the local policy."""
    return (*SINGLE_CATEGORIES, Category.MULTIPLE) if allow_multiple else SINGLE_CATEGORIES


def validate_category(category: Category | None, multiple_reason: str, allow_multiple: bool) -> list[Problem]:
    """One primary category is required; "multiple" only when allowed, and then with a written reason."""
    problems: list[Problem] = []
    if category is None:
        problems.append(Problem("category", "Choose the category of harm for this child's plan."))
    elif category is Category.MULTIPLE:
        if not allow_multiple:
            problems.append(
                Problem(
                    "category",
                    "Local policy allows one primary category only: choose the one that best describes "
                    "the harm.",
                )
            )
        elif not multiple_reason.strip():
            problems.append(Problem("multiple_reason", "Write why no single category describes the harm."))
    if len(multiple_reason) > MAX_REASON:
        problems.append(Problem("multiple_reason", f"Use at most {MAX_REASON} characters."))
    return problems
