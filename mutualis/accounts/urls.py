from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from mutualis.accounts.forms import EmailLoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=EmailLoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "invitation/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/set_password.html",
            success_url=reverse_lazy("accounts:password_set"),
            post_reset_login=False,
        ),
        name="set_password",
    ),
    path(
        "mot-de-passe-choisi/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set.html"),
        name="password_set",
    ),
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            subject_template_name="accounts/emails/password_reset_subject.txt",
            email_template_name="accounts/emails/password_reset.txt",
            # The link is built on SITE_URL, never on the request's Host header, which the client writes.
            extra_email_context={"site_url": settings.SITE_URL.rstrip("/")},
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_set"),
            post_reset_login=False,
        ),
        name="password_reset_confirm",
    ),
]
