"""RSS for a region's news; links use the host the feed was requested on."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages.models import NewsIndexPage, NewsPage


class NewsFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        site = Site.find_for_request(request)
        index = NewsIndexPage.objects.live().descendant_of(site.root_page).first() if site else None
        if index is None:
            raise Http404
        self.request = request
        return index

    def title(self, index):
        return f"{index.title} · {index.get_site().site_name}"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.intro or _("Berita terbaru")

    def items(self, index):
        return NewsPage.objects.live().child_of(index).order_by("-date", "-pk")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.date, time(8)))
