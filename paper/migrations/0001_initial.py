# The paper's models as they stood in the old "newsroom" app (migrations
# newsroom 0001-0005), now an app of their own. The tables keep their names,
# so a database made before the move has nothing to do: once every replaced
# migration is recorded as applied, Django records this one as applied too.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import paper.files


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
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=40, unique=True, verbose_name='名称')),
                ('slug', models.SlugField(allow_unicode=True, help_text='出现在栏目网址中，例如 gaoxin 或 高新区。', max_length=60, unique=True, verbose_name='网址名')),
                ('description', models.TextField(blank=True, verbose_name='简介')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='数字小的排在导航前面。', verbose_name='排序')),
            ],
            options={
                'verbose_name': '栏目',
                'verbose_name_plural': '栏目',
                'db_table': 'newsroom_section',
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Issue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='出版日期')),
                ('number', models.PositiveIntegerField(help_text='报纸的总期号。', verbose_name='期号')),
                ('publish_at', models.DateTimeField(help_text='发布后，本期稿件在此时刻对读者可见。', verbose_name='上线时间')),
                ('released_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='签发时间')),
                ('released_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签发人')),
            ],
            options={
                'verbose_name': '期次',
                'verbose_name_plural': '期次',
                'db_table': 'newsroom_issue',
                'ordering': ['-date'],
                'permissions': [('release_issue', '可签发期次')],
            },
        ),
        migrations.CreateModel(
            name='Page',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='版次')),
                ('name', models.CharField(help_text='例如“高新区新闻”。', max_length=40, verbose_name='版名')),
                ('print_file', models.FileField(blank=True, help_text='可选：印刷版面的 PDF 或图片（电子报），本期签发后读者可看。', upload_to='epaper/%Y/%m/%d/', validators=[paper.files.epaper_clean], verbose_name='版面原样')),
                ('editor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='edited_pages', to=settings.AUTH_USER_MODEL, verbose_name='责任编辑')),
                ('issue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages', to='paper.issue', verbose_name='期次')),
            ],
            options={
                'verbose_name': '版面',
                'verbose_name_plural': '版面',
                'db_table': 'newsroom_page',
                'ordering': ['issue', 'number'],
            },
        ),
        migrations.AddConstraint(
            model_name='issue',
            constraint=models.UniqueConstraint(fields=('date',), name='issue_unique_date'),
        ),
        migrations.AddConstraint(
            model_name='issue',
            constraint=models.UniqueConstraint(fields=('number',), name='issue_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='page',
            constraint=models.UniqueConstraint(fields=('issue', 'number'), name='page_unique_number_per_issue'),
        ),
        migrations.AddConstraint(
            model_name='page',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='page_number_positive'),
        ),
    ]
