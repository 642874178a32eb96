"""Imports every area's models so that the metadata (and Alembic) knows all tables."""

from casebook.auth.models import ApiToken, User  # noqa: F401
from casebook.calendars.models import HolidaySchedule, HolidayScheduleChange, HolidayScheduleDay  # noqa: F401
from casebook.core.personal import PersonalDataAccess  # noqa: F401
from casebook.litigation.models import (  # noqa: F401
    LitigationCase,
    LitigationCaseChange,
    LitigationHearing,
    LitigationPlaintiff,
)
from casebook.mediation.models import (  # noqa: F401
    MediationCase,
    MediationCaseChange,
    MediationCaseCounter,
    MediationConfirmation,
    MediationExtension,
    MediationFollowup,
    MediationParty,
    MediationSession,
)
from casebook.orgs.models import (  # noqa: F401
    Agency,
    Area,
    Association,
    Committee,
    CommitteeMembership,
    DisputeType,
    Mediator,
    MediatorSpeciality,
    OrgChange,
    Studio,
)
from casebook.reconsideration.models import (  # noqa: F401
    ReconsiderationCase,
    ReconsiderationCaseChange,
    ReconsiderationEvent,
    ReconsiderationParty,
    ReconsiderationSuspension,
)
from casebook.stats.models import StatsVersion  # noqa: F401
