"""What every list page shares: sorting by a clicked column header (`hub.lists.sorting`) and
the `.xlsx` download of a list (`hub.lists.xlsx`)."""
