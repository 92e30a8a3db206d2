"""The blocks editors build pages from."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("gambar"))
    alt = blocks.CharBlock(
        label=_("teks alternatif"), help_text=_("Apa yang tampak di gambar, untuk pembaca layar.")
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "pages/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul"))
    text = blocks.TextBlock(label=_("teks"), required=False)
    page = blocks.PageChooserBlock(label=_("halaman tujuan"), required=False)
    url = blocks.URLBlock(label=_("atau alamat tujuan"), required=False)
    button = blocks.CharBlock(label=_("tulisan tombol"), default=_("Selengkapnya"))

    class Meta:
        icon = "pick"
        label = _("Ajakan")
        template = "pages/blocks/call_to_action.html"


class FAQBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("pertanyaan"))),
                (
                    "answer",
                    blocks.RichTextBlock(
                        label=_("jawaban"), features=["bold", "italic", "link", "ol", "ul"]
                    ),
                ),
            ]
        ),
        label=_("pertanyaan"),
    )

    class Meta:
        icon = "help"
        label = _("Tanya jawab")
        template = "pages/blocks/faq.html"


BODY_BLOCKS = [
    (
        "paragraph",
        blocks.RichTextBlock(
            label=_("Teks"),
            features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        ),
    ),
    ("image", ImageBlock()),
    ("call_to_action", CallToActionBlock()),
    ("faq", FAQBlock()),
]
