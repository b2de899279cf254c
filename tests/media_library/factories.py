import factory
from django.core.files.base import ContentFile

from media_library.models import Photo
from media_library.renditions import renditions_generate
from tests.support.images import image_bytes


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
            renditions_generate(photo=obj)
