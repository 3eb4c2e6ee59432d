"""Where projects are registered, read into one model: the YAML file, the Jekyll site, forms."""

from .csv_form import ColumnMapping, read_form_csv
from .jekyll import read_jekyll_site
from .load import load_registry
from .model import Contact, Event, Location, Problem, Project, Registry, RepoRef
from .urls import parse_repo_url
from .yaml_file import read_registry_yaml

__all__ = [
    "ColumnMapping",
    "Contact",
    "Event",
    "Location",
    "Problem",
    "Project",
    "Registry",
    "RepoRef",
    "load_registry",
    "parse_repo_url",
    "read_form_csv",
    "read_jekyll_site",
    "read_registry_yaml",
]
