"""Let the prose editor's import map run under the Content-Security-Policy.

django-prose-editor loads its modules through an inline
``<script type="importmap">``. The site's CSP allows no inline script, except
one carrying the request's nonce (django-csp puts the nonce in the header
only when a page uses it). js_asset's ``Media`` renders its tags with a
nonce, so the change form's media is given this request's.
"""

from js_asset import Media


class CSPNonceMediaMixin:
    def render_change_form(self, request, context, *args, **kwargs):
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and context.get("media") is not None:
            context["media"] = Media.from_media(context["media"], nonce=str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)
