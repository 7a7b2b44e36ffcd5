"""A picture of a timeline (PNG): dates on an axis, each event's words beside its mark.

People read a sequence faster by looking. matplotlib (3.11 and later) shapes Arabic and lays it
out right to left itself (complex text layout), so the words go in as written; the font is the
DejaVu Sans that matplotlib bundles, which has Arabic and Cyrillic glyphs, so nothing is
fetched. The axis is time itself: events far apart in time are far apart on the picture.
"""

from __future__ import annotations

import datetime as dt
import io

WIDTH_IN, ROW_IN = 11.0, 0.62
LABEL_CHARS = 70


def _when(iso: str) -> dt.date:
    """A date at any precision, placed mid-span on the axis (2021 -> mid-2021)."""
    if len(iso) == 4:
        return dt.date(int(iso), 7, 1)
    if len(iso) == 7:
        return dt.date(int(iso[:4]), int(iso[5:7]), 15)
    return dt.date.fromisoformat(iso)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def render(events, title: str = "") -> bytes:
    """PNG bytes: one row per event, top to bottom in time order, its date on a time axis."""
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw into memory
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    events = list(events)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 1.4 + ROW_IN * max(1, len(events))), dpi=110)
    try:
        days = [_when(e.date) for e in events]
        rows = list(range(len(events), 0, -1))  # the earliest on top
        ax.scatter(days, rows, s=60, color="#1f5f99", zorder=3)
        ax.hlines(rows, min(days), days, color="#c9d6e3", linewidth=1, zorder=1)
        # The words in a column right of the axis, on the row of their mark.
        for row, event in zip(rows, events):
            sources = len(event.sources)
            label = f"{event.date}   {_short(event.text)}" + (f"   ×{sources}" if sources > 1 else "")
            ax.annotate(label, (1.02, row), xycoords=("axes fraction", "data"), va="center", fontsize=9,
                        family="DejaVu Sans", annotation_clip=False)
        ax.set_yticks([])
        ax.set_ylim(0.3, len(events) + 0.7)
        span = (max(days) - min(days)).days or 30
        ax.set_xlim(min(days) - dt.timedelta(days=span * 0.05 + 10), max(days) + dt.timedelta(days=span * 0.05 + 10))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        if title:
            fig.suptitle(title, fontsize=12, family="DejaVu Sans")
        fig.subplots_adjust(left=0.03, right=0.36, top=0.9 if title else 0.97, bottom=0.12)
        plt.setp(ax.get_xticklabels(), rotation=30, ha="right", fontsize=8)
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
