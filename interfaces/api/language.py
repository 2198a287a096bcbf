"""The language of a problem: Chinese when ``Accept-Language`` prefers it, else English.

A problem's ``title``, ``detail`` and every ``errors[].message`` change with the language; its ``type``, ``rule``,
status and field names never do. The rules' Chinese words are the console's (``interfaces.console.messages``), so a
clerk reads the same sentence in the console and in an API client.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from interfaces.messages import RULES, chinese_invalid, chinese_rule

TITLES_ZH = {
    400: "请求格式有误",
    401: "需要身份验证",
    403: "无权进行此操作",
    404: "找不到",
    405: "不支持此请求方法",
    408: "请求超时",
    409: "与登记规则冲突",
    412: "版本不符",
    413: "请求过大",
    415: "不支持的文件类型",
    422: "填写的内容有误",
    428: "缺少前提条件",
    431: "请求头过大",
    500: "内部错误",
    503: "服务暂不可用",
}

DETAILS_ZH = {
    "malformed-body": "请求体不是有效的 JSON 对象",
    "malformed-url": "地址中不能含有 NUL 字符",
    "malformed-if-match": 'If-Match 应为 ETag，例如 "3"，或 *',
    "malformed-idempotency-key": "Idempotency-Key 应为 1 至 200 个可打印的 ASCII 字符",
    "malformed-header": "请求头格式有误",
    "unauthenticated": "请在 Authorization: Bearer <token> 中提供已配置的令牌",
    "forbidden": "本密钥的角色不能进行此操作",
    "not-found": "找不到该记录",
    "method-not-allowed": "此地址不支持该请求方法",
    "header-timeout": "请求头未能按时送达",
    "body-timeout": "请求体未能按时送达",
    "too-large": "请求体过大",
    "headers": "请求头过大",
    "version-mismatch": "这条记录已被修改（版本不符），请重新读取后再提交",
    "concurrent-write": "他人刚刚修改了这条记录，请重新读取后重试",
    "views-behind": "汇总数据正在更新，请稍后重试",
    "view-ahead-of-log": "汇总数据与事件日志不一致，已停止提供，请联系系统管理员",
    "invalid-fields": "填写的内容有误",
    "invalid-value": "填写的内容有误",
    "internal": "服务器未能完成此请求",
    "store-unavailable": "无法连接存储，请稍后重试",
    "store-full": "存储空间已满，暂停写入，读取照常；请稍后重试",
    "store-read-only": "存储变为只读，暂停写入，读取照常；请稍后重试",
    "store-vanished": "存储已不在原处，暂停写入；请稍后重试",
    "store-unreachable": "无法连接存储；请稍后重试",
}
"""The Chinese detail of each kind of problem (its ``type``) that no rule names."""

KINDS_ZH = {"member": "会员企业", "chamber": "商会", "branch": "党组织", "grading round": "年度定级工作"}

PYDANTIC_ZH = {
    "missing": "必须填写",
    "extra_forbidden": "不接受此字段",
    "string_type": "必须是文字",
    "string_too_short": "至少{min_length}个字",
    "string_too_long": "不能超过{max_length}个字",
    "string_pattern_mismatch": "格式不符合要求",
    "int_type": "必须是整数",
    "int_parsing": "必须是整数",
    "int_from_float": "必须是整数",
    "bool_type": "必须是 true 或 false",
    "bool_parsing": "必须是 true 或 false",
    "greater_than_equal": "不能小于{ge}",
    "greater_than": "必须大于{gt}",
    "less_than_equal": "不能大于{le}",
    "less_than": "必须小于{lt}",
    "date_type": "必须是日期，写作 YYYY-MM-DD",
    "date_parsing": "必须是日期，写作 YYYY-MM-DD",
    "date_from_datetime_parsing": "必须是日期，写作 YYYY-MM-DD",
    "date_from_datetime_inexact": "必须是日期，写作 YYYY-MM-DD",
    "datetime_type": "必须是带时区的时间（RFC 3339）",
    "datetime_parsing": "必须是带时区的时间（RFC 3339）",
    "datetime_from_date_parsing": "必须是带时区的时间（RFC 3339）",
    "timezone_aware": "必须写明时区",
    "uuid_type": "必须是编号（UUID）",
    "uuid_parsing": "必须是编号（UUID）",
    "list_type": "必须是列表",
    "dict_type": "必须是对象",
    "model_type": "必须是对象",
    "literal_error": "不是可选的值",
    "enum": "不是可选的值",
    "too_short": "至少{min_length}项",
    "too_long": "不能超过{max_length}项",
    "json_invalid": "不是有效的 JSON",
}
"""The Chinese message of each kind of refusal of a field by the request's model, by pydantic's error type."""

ENGLISH_MESSAGES_ZH = [
    (re.compile(r"^not a parameter of this route$"), "此地址不接受这个参数"),
    (re.compile(r"^not a next_cursor of this list$"), "不是本列表给出的 next_cursor"),
    (re.compile(r"^give version or as_of, not both$"), "version 与 as_of 只能给出其一"),
    (re.compile(r"^give position and head together$"), "position 与 head 须一同给出"),
]

GLOSS = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)\s*$")


def prefers_chinese(accept_language: str | None) -> bool:
    """Whether ``Accept-Language`` ranks a Chinese language (``zh``, ``zh-CN``, …) first; ties go to the one
    named first."""
    best, best_q = "", 0.0
    for part in (accept_language or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0].lower()
        if not tag:
            continue
        q = 1.0
        for piece in pieces[1:]:
            if piece.lower().startswith("q="):
                try:
                    q = float(piece[2:])
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = tag, q
    return best == "zh" or best.startswith("zh-")


def prefers_chinese_in(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """``prefers_chinese`` for an ASGI scope's raw headers."""
    found = next((v.decode("latin-1") for k, v in headers if k.lower() == b"accept-language"), None)
    return prefers_chinese(found)


def without_gloss(text: str) -> str:
    """A message written ``中文 (English)`` without its English gloss."""
    return GLOSS.sub("", text) or text


def field_message(message: str, error_type: str | None = None, context: Mapping[str, Any] | None = None) -> str:
    """The Chinese of one refused field's message: by pydantic's error type when known, else by the English
    message's pattern (the domain's own words)."""
    if error_type in PYDANTIC_ZH:
        try:
            return PYDANTIC_ZH[error_type].format(**(context or {}))
        except (KeyError, IndexError):
            return PYDANTIC_ZH[error_type].split("{")[0] or "填写的内容不符合要求"
    for pattern, chinese in ENGLISH_MESSAGES_ZH:
        if pattern.match(message):
            return chinese
    if re.search(r"[\u4e00-\u9fff]", message):
        return without_gloss(message)
    return chinese_invalid(message)


def rule_detail(rule: str, chinese: str | None = None) -> str:
    """A 409's (or 422's) detail in Chinese, naming the rule as the English one does."""
    return f"{rule}：{chinese or chinese_rule(rule)}"


def not_found(kind: str) -> str:
    return f"找不到该{KINDS_ZH.get(kind, '记录')}"


def has_chinese(rule: str) -> bool:
    """Whether the shared table holds a Chinese message for ``rule``."""
    return rule in RULES
