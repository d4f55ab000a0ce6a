"""The coordinators' desktop view: a small read-only web app served by dondoc itself."""
