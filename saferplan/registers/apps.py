from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "saferplan.registers"
    verbose_name = "Case review registers"
