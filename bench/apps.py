from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and soak tests: installed only when ``BENCH=1``, never in production."""

    name = "bench"
    verbose_name = "性能测试"
