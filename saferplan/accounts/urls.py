from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/code/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", views.new_recovery_codes, name="new_recovery_codes"),
    path("two-factor/turn-off/", views.two_factor_off, name="two_factor_off"),
]
