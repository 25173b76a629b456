"""Pages of Core rows: `paginate_rows(select, per_page=…)` is `db.paginate` for a select of
columns (db.paginate keeps the first column of each row only: it is made for entities). A list
page that shows a few columns of each row reads them as rows, without ORM objects (issue 16)."""

from flask_sqlalchemy.pagination import SelectPagination

from hub.extensions import db


class RowPagination(SelectPagination):
    """flask_sqlalchemy's pagination (page, pages, total, iter_pages, …) whose items are the
    rows of the select."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate_rows(select, *, per_page: int, page: int | None = None) -> RowPagination:
    """As db.paginate(select, page=page, per_page=per_page, error_out=False): `page` None is
    the request's ?page=; past the last page an empty page."""
    return RowPagination(select=select, session=db.session(), page=page, per_page=per_page,
                         max_per_page=None, error_out=False)
