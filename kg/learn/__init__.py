"""The learned part of extraction: training examples from the annotated corpus, the event
classifier (scikit-learn), and the step that adds its events to the rule extractor's.

>>> from kg.learn.reader import installed_model
>>> model = installed_model("fr")   # None when no model is installed
"""
