import factory
from django.core.files.base import ContentFile

from media_library.models import Photo, Rendition
from media_library.renditions import renditions_generate
from tests.support.images import image_bytes

#: Rendition files this test process has stored. Files are named after the
#: photo's content hash (media_library.renditions), and most test photos are
#: the same picture, so they share files, as the batch command's photos do:
#: each is made once per process, not once per test (whose rows roll back).
_stored: set[str] = set()


class PhotoFactory(factory.django.DjangoModelFactory):
    """A described photo; ``renditions=True`` also makes its renditions."""

    class Meta:
        model = Photo
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"图片{n}")
    caption = "图片说明"
    alt_text = "画面描述"
    credit_reporter = None
    # A photo credits a photographer or, failing one, free text (a constraint).
    credit_text = factory.LazyAttribute(lambda o: "" if o.credit_reporter else "本报资料图")
    file = factory.LazyAttribute(lambda o: ContentFile(image_bytes(), name="photo.jpg"))

    @factory.post_generation
    def renditions(obj, create, extracted, **kwargs):
        if create and extracted:
            # Only files still there: a test may have deleted them or moved MEDIA_ROOT.
            storage = Rendition._meta.get_field("file").storage
            known = {name for name in _stored if obj.content_hash in name and storage.exists(name)}
            renditions_generate(photo=obj, known_files=known)
            _stored.update(known)
