"""The rule registry.

Each rule is a module here with ``ID`` (stable, kebab-case), ``SEVERITY`` (default),
``SCOPE`` (page or site), ``check()`` (yields Findings) and a docstring that is its user
documentation (rendered into docs/rules.md by ``python -m termsite.checker.docs``).
The order below is the order of the documentation.
"""

from __future__ import annotations

from types import ModuleType

from ..model import Scope
from . import (
    article_recommended,
    block_not_object,
    breadcrumb_items,
    breadcrumb_last_item,
    breadcrumb_position,
    breadcrumb_position_gap,
    broken_internal_url,
    canonical_mismatch,
    conflicting_id,
    conflicting_id_name,
    date_order,
    date_without_offset,
    duplicate_faq_question,
    faq_answer_html,
    faq_question,
    faq_text_visible,
    has_part_linked,
    hreflang_canonical,
    hreflang_return_link,
    hreflang_set,
    hreflang_x_default,
    in_language_mismatch,
    internal_error,
    invalid_date,
    invalid_json,
    limit_exceeded,
    markup_disagreement,
    missing_canonical,
    missing_context,
    missing_type,
    not_html,
    open_graph_url,
    organization_name,
    other_structured_data,
    page_kind_types,
    pending_term,
    property_domain,
    superseded_term,
    unknown_context,
    unknown_property,
    unknown_type,
    unreadable_file,
    unsafe_script_text,
    url_variant,
    value_range,
)

# (section title, rule modules) in documentation order
SECTIONS: list[tuple[str, list[ModuleType]]] = [
    ("Input and JSON syntax", [unreadable_file, not_html, limit_exceeded, invalid_json, unsafe_script_text,
                               block_not_object, missing_context, unknown_context, internal_error]),
    ("schema.org vocabulary (release 30.0)", [missing_type, unknown_type, unknown_property, property_domain,
                                               superseded_term, pending_term, value_range, invalid_date,
                                               date_without_offset, date_order]),
    ("Google Search requirements", [breadcrumb_items, breadcrumb_position, breadcrumb_position_gap, faq_question,
                                    faq_answer_html, article_recommended, organization_name]),
    ("Page consistency", [faq_text_visible, breadcrumb_last_item, canonical_mismatch, url_variant, missing_canonical,
                          has_part_linked, open_graph_url, markup_disagreement, other_structured_data]),
    ("Languages", [hreflang_set, hreflang_x_default, hreflang_canonical, in_language_mismatch, hreflang_return_link]),
    ("Site consistency", [broken_internal_url, conflicting_id, conflicting_id_name, duplicate_faq_question, page_kind_types]),
]

RULES: dict[str, ModuleType] = {module.ID: module for _title, modules in SECTIONS for module in modules}
PAGE_RULES: list[ModuleType] = [m for m in RULES.values() if m.SCOPE is Scope.PAGE]
SITE_RULES: list[ModuleType] = [m for m in RULES.values() if m.SCOPE is Scope.SITE]
