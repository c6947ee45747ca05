"""The frame of the html report: its head (a Content-Security-Policy that lets nothing be fetched, the one
inline style sheet with its print rules) and its tail. Nothing here names a file, a font or an image outside
the page: it works offline and as an e-mail attachment."""

from __future__ import annotations

from html import escape

# Nothing may load: no script, font, image, frame or connection; only the inline style sheet below.
CSP = "default-src 'none'; style-src 'unsafe-inline'"

OUTCOMES = ("error", "warning", "info", "consistent", "unchecked")  # worst first

STYLE = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --consistent: #2e7d32; --unchecked: #757575; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 2em auto; max-width: 72em; padding: 0 1em; line-height: 1.5; color: #212121; }
h1 { font-size: 1.6em; } h2 { font-size: 1.35em; border-bottom: 2px solid #424242; }
h3 { font-size: 1.15em; border-bottom: 1px solid #bdbdbd; } h4 { font-size: 1em; margin-bottom: .3em; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid #bdbdbd; padding: .15em .4em; vertical-align: top; }
th { background: #f5f5f5; text-align: left; } td.n { text-align: right; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
pre.src { white-space: pre-wrap; word-break: break-all; font-family: inherit; font-size: .9em;
  background: #fafafa; border: 1px solid #e0e0e0; padding: .5em; }
.ln::before { content: attr(data-n); display: inline-block; width: 3.5em; color: #9e9e9e; user-select: none; }
.fig { border-bottom: 2px solid; }
.o-error { background: #ffcdd2; border-color: var(--error); }
.o-warning { background: #ffe0b2; border-color: var(--warning); }
.o-info { background: #bbdefb; border-color: var(--info); }
.o-consistent { background: #e8f5e9; border-color: var(--consistent); }
.o-unchecked { border-bottom-style: dashed; border-color: var(--unchecked); }
.q { outline: 2px solid #212121; font-weight: bold; }
sup.refs { font-size: .7em; } sup.refs a { margin-left: .15em; }
li.finding { margin-bottom: .8em; border-left: 4px solid; padding-left: .6em; background: none; }
li.finding.o-error { border-color: var(--error); } li.finding.o-warning { border-color: var(--warning); }
li.finding.o-info { border-color: var(--info); }
.sev { font-weight: bold; } li.o-error .sev { color: var(--error); } li.o-warning .sev { color: var(--warning); }
li.o-info .sev { color: var(--info); }
blockquote.ctx { margin: .3em 0; padding: .2em .6em; background: #f5f5f5; font-size: .9em; }
blockquote.ctx p { margin: 0; } mark { background: #fff59d; font-weight: bold; }
.fp, .note { color: #616161; font-size: .85em; }
.legend span { margin-right: 1em; padding: 0 .3em; }
@media print {
  body { margin: 0; max-width: none; }
  article.file, section.sec { break-before: page; }
  h1 + article.file, h1 + nav.index, article.file > section.summary { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def head(lang: str, title: str, generator: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generator)}">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
    )


TAIL = "</body>\n</html>\n"
