import factory
from django.core.files.base import ContentFile

from media_library.models import Photo
from tests.images import image_bytes


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    title = factory.Sequence(lambda n: f"图片{n}")
    caption = "图片说明"
    alt_text = "画面描述"
    credit_text = "本报资料图"
    file = factory.LazyAttribute(lambda o: ContentFile(image_bytes(), name="photo.jpg"))
