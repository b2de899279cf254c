# The Reporter model as it stood in the old "newsroom" app (migrations
# newsroom 0001-0005), now in the people app. The table keeps its name, so a
# database made before the move has nothing to do: once every replaced
# migration is recorded as applied, Django records this one as applied too.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("newsroom", "0001_initial"),
        ("newsroom", "0005_portrait_and_epaper_checks"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Reporter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=40, verbose_name='姓名')),
                ('slug', models.SlugField(allow_unicode=True, blank=True, help_text='留空则按姓名生成；同名者请加以区分，如“张伟-2”。', max_length=60, unique=True, verbose_name='网址名')),
                ('kind', models.CharField(choices=[('staff', '本报记者'), ('correspondent', '通讯员'), ('photographer', '摄影记者'), ('freelance', '特约撰稿')], default='staff', max_length=20, verbose_name='身份')),
                ('bio', models.TextField(blank=True, verbose_name='简介')),
                ('portrait', models.ImageField(blank=True, help_text='保存时转为 JPEG，去掉拍摄设备、位置等信息。', upload_to='reporters/', verbose_name='照片')),
                ('user', models.OneToOneField(blank=True, help_text='通讯员、特约摄影可以没有账号。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reporter', to=settings.AUTH_USER_MODEL, verbose_name='登录账号')),
            ],
            options={
                'verbose_name': '作者',
                'verbose_name_plural': '作者',
                'db_table': 'newsroom_reporter',
                'ordering': ['name', 'pk'],
            },
        ),
    ]
