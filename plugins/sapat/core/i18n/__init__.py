"""The languages: the site's languages, the words sapat puts on pages (labels) and the messages
an editor reads, in Kyrgyz, Russian and English."""
