from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class Role(models.TextChoices):
    """What a user may do; objects decide the rest (see core.permissions)."""

    STAFF = "staff", _("network staff")
    BOARD = "board", _("board")
    MEMBER = "member", _("member user")
    NETWORK_MANAGER = "network_manager", _("partner-network manager")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(role=Role.STAFF, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in, by e-mail, with exactly one role."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = OneLineCharField(_("name"), max_length=150, blank=True)
    language = OneLineCharField(
        _("language"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        # Empty until the person chooses with the language switch: the pages then follow the
        # browser's choice or the site's default.
        blank=True,
        default="",
    )
    role = OneLineCharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managers",
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="member") | models.Q(organisation__isnull=False),
                name="user_member_has_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="network_manager") | models.Q(network__isnull=False),
                name="user_manager_has_network",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Only network staff reach the admin site."""
        return self.is_active and self.role == Role.STAFF

    def has_perm(self, perm: str, obj=None) -> bool:
        """Network staff administer everything; other roles act through object policies."""
        return self.is_network_staff or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_network_staff or super().has_module_perms(app_label)

    @property
    def is_network_staff(self) -> bool:
        return self.is_active and self.role == Role.STAFF

    @property
    def is_board(self) -> bool:
        return self.is_active and self.role == Role.BOARD

    @staticmethod
    def validate_role_ties(data: dict) -> None:
        """A member user belongs to one organisation, a network manager to one network."""
        role = data.get("role")
        if role == Role.MEMBER and not data.get("organisation"):
            raise ValidationError(
                {"organisation": _("A member user must belong to an organisation.")}
            )
        if role == Role.NETWORK_MANAGER and not data.get("network"):
            raise ValidationError({"network": _("A partner-network manager needs a network.")})

    def clean(self) -> None:
        super().clean()
        self.email = (self.email or "").strip().lower()
        self.validate_role_ties(
            {"role": self.role, "organisation": self.organisation_id, "network": self.network_id}
        )
