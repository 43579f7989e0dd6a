from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "saferplan.reminders"
    verbose_name = "Reminders and emails"
