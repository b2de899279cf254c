from django.apps import AppConfig
from django.db.models.signals import post_delete


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = "图片库"

    def ready(self):
        from media_library import signal_handlers
        from media_library.models import Photo, Rendition
        from sitecache.keys import track

        track(Photo, "p")

        post_delete.connect(signal_handlers.photo_deleted, sender=Photo, dispatch_uid="photo_file")
        post_delete.connect(
            signal_handlers.rendition_deleted, sender=Rendition, dispatch_uid="rendition_file"
        )
