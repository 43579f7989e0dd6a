from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from saferplan.partnerships import access as rules


class Command(BaseCommand):
    help = (
        "Make a person a data manager, who loads police.uk data for every partnership (on the "
        "Police data page), or with --remove no longer one. Superusers always are."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--remove", action="store_true", help="take the permission away")

    def handle(self, *args, email, remove, **options):
        person = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"email: nobody has the address {email!r}")
        app_label, codename = rules.DATA_MANAGER_PERMISSION.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        if remove:
            person.user_permissions.remove(permission)
        else:
            person.user_permissions.add(permission)
        person = get_user_model().objects.get(pk=person.pk)  # has_perm caches permissions
        if rules.is_data_manager(person):
            why = " (a superuser)" if person.is_superuser else ""
            self.stdout.write(f"{person.email} is a data manager{why}")
        else:
            self.stdout.write(f"{person.email} is not a data manager")
