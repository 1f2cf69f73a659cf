# Lets `pytest` import the project's packages from the repository root.
