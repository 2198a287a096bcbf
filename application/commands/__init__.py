"""The register's commands, one mixin per aggregate, combined in ``application.register.Register``."""
