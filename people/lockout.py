"""Login lockout: an account per (user name + address), and an address only
when it sprays many accounts.

Staff work behind one office address (NAT). Locking that address after a
handful of failures - django-axes' ``["username", "ip_address"]`` counts
each on its own - let one colleague's typing, or anyone who can reach the
login page, lock the whole newsroom out. So:

- an account is locked for one address after ``AXES_FAILURE_LIMIT``
  failures from it (``LOGIN_FAILURE_LIMIT``, 5): its owner's colleagues,
  and the owner from elsewhere, still log in;
- an address is locked for everyone after ``NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT``
  failures from it, whatever the names (``LOGIN_ADDRESS_FAILURE_LIMIT``,
  50): password spraying, one guess at many accounts.

Both for ``AXES_COOLOFF_TIME`` (``LOGIN_COOLOFF_MINUTES``, 15). django-axes
keeps the records (the chief editor unlocks in the admin); this module says
when they lock.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def _total(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address.

    django-axes records and resets failures per (user name, address)
    (``AXES_LOCKOUT_PARAMETERS``), so a successful login clears only that
    person's own mistakes; an address's total is every account's, read here.
    (Were the address a lockout parameter of its own, any success from it -
    a colleague's, or the sprayer's own account - would clear them all.)
    """

    def get_failures(self, request, credentials=None) -> int:
        account = max((_total(a) for a in self.get_user_attempts(request, credentials)), default=0)
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        if _total(recent) >= settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT:
            # Spraying from this address: locked, whichever account it names.
            return max(account, get_failure_limit(request, credentials))
        return account


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_failure_limit": settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return render(request, "registration/lockout.html", context, status=429)
