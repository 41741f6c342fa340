"""A page's charts as one slide deck (python-pptx, source in the notes) or one PDF (kaleido pages, pypdf)."""

import io
from dataclasses import dataclass

import plotly.graph_objects as go

from charts.layout import SLIDE, description
from dashboard import images

EMU_PER_PX = 9525  # python-pptx measures in EMU; 914400 per inch, 96 px per inch


@dataclass
class Item:
    """One chart of a page, as chart() drew it."""
    key: str
    figure: go.Figure

    @property
    def title(self) -> str:
        return str((self.figure.layout.meta or {}).get("title", self.key))

    @property
    def source(self) -> str:
        return str((self.figure.layout.meta or {}).get("source", ""))


def pptx_bytes(items: list[Item], *, link: str = "") -> bytes:
    """One 16:9 slide per chart: the title as the slide title (editable), the chart below it with subtitle and
    source drawn in, and the source, link and a text description in the speaker notes."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(SLIDE[0] * EMU_PER_PX), Emu(SLIDE[1] * EMU_PER_PX)
    title_only = deck.slide_layouts[5]
    head = 86  # px of the slide for the title
    for item in items:
        slide = deck.slides.add_slide(title_only)
        title = slide.shapes.title
        title.left, title.top = Emu(24 * EMU_PER_PX), Emu(12 * EMU_PER_PX)
        title.width, title.height = Emu((SLIDE[0] - 48) * EMU_PER_PX), Emu((head - 18) * EMU_PER_PX)
        title.text = item.title
        for paragraph in title.text_frame.paragraphs:
            paragraph.alignment = 1  # left
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(26), True
        png = images.image_bytes(item.figure, "png", link=link, show_title=False)
        # The picture keeps the 16:9 export's proportions in the space under the title.
        height = SLIDE[1] - head
        width = round(height * SLIDE[0] / SLIDE[1])
        picture = slide.shapes.add_picture(io.BytesIO(png), Emu((SLIDE[0] - width) // 2 * EMU_PER_PX),
                                           Emu(head * EMU_PER_PX), Emu(width * EMU_PER_PX), Emu(height * EMU_PER_PX))
        picture._element.nvPicPr.cNvPr.set("descr", description(item.figure))  # alt text for screen readers
        notes = [item.source, f"View: {link}" if link else "", description(item.figure)]
        slide.notes_slide.notes_text_frame.text = "\n".join(n for n in notes if n)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def pdf_bytes(items: list[Item], *, link: str = "") -> bytes:
    """One page per chart, each the 16:9 publication export with its title and source, merged into one PDF."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for item in items:
        reader = PdfReader(io.BytesIO(images.image_bytes(item.figure, "pdf", link=link)))
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(item.title, len(writer.pages) - 1)
    writer.add_metadata({"/Title": items[0].title if items else "Charts", "/Producer": "healthcare-labour-trends"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
