"""The article's log of workflow steps: who did what, when, from which state to which."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Status


class Transition(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交审核")
        RETURN = "return", _("退回修改")
        APPROVE = "approve", _("审核通过")
        PLACE = "place", _("安排版面")
        MOVE = "move", _("调整版面")
        UNPLACE = "unplace", _("撤下版面")
        PUBLISH = "publish", _("签发")
        SCHEDULE = "schedule", _("定时签发")
        RELEASE = "release", _("随期次签发")
        WITHDRAW = "withdraw", _("撤稿")
        CORRECT = "correct", _("更正")
        RESTORE = "restore", _("恢复版本")
        IMPORT = "import", _("版面导入")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Status.choices)
    note = models.TextField(_("说明"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Services pass the time explicitly, so that a clock moved in a test is
    # the clock used here too.
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_at_idx")]

    def __str__(self):
        before, after = self.get_from_status_display(), self.get_to_status_display()
        return f"{self.get_action_display()}：{before} → {after}"
