"""Reads for the desk's own screens (not for readers)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from articles.models import Article, Placement, Status, Transition


def flagged_articles():
    """Articles placed on a released issue that will not go live with it."""
    on_released = Placement.objects.filter(
        article=OuterRef("pk"), page__issue__released_at__isnull=False
    )
    return Article.objects.filter(Exists(on_released)).exclude(status=Status.PUBLISHED)


@dataclass(frozen=True)
class EditorNote:
    transition: Transition
    #: A return note the reporter answered by filing the story again.
    dealt_with: bool


def editor_note(transitions) -> EditorNote | None:
    """The desk's latest note on a story, from its log (newest first, as prefetched).

    A return note is current until the story is submitted again; after that
    it is history, marked dealt with, never shown as what to do now.
    """
    resubmitted = False
    for transition in transitions:
        if transition.action == Transition.Action.SUBMIT:
            resubmitted = True
        elif transition.note and transition.action in (
            Transition.Action.RETURN,
            Transition.Action.APPROVE,
        ):
            dealt_with = resubmitted and transition.action == Transition.Action.RETURN
            return EditorNote(transition, dealt_with)
    return None
