"""The review station's web app (Flask): pages, forms and evidence images over the review core."""
