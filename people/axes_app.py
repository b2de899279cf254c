from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes under a Chinese name in the admin (it has no zh-hans translation)."""

    verbose_name = "登录安全"
