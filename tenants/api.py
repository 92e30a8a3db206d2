"""What other code may call about regions and their provisioning."""

from tenants.domains import add_claim, remove_claim, set_primary, verify_claim  # noqa: F401
from tenants.exports import (  # noqa: F401
    archive_path,
    export_download,
    queue_restore,
    request_export,
)
from tenants.lifecycle import (  # noqa: F401
    cancel_deletion,
    delete_due_regions,
    pending_deletion,
    schedule_deletion,
)
from tenants.selectors import (  # noqa: F401
    deletions_for_console,
    exports_of,
    last_activity,
    provisioning_progress,
    recent_exports,
    regions_for_console,
    restore_notes_for_console,
    storage_bytes,
)
from tenants.services import (  # noqa: F401
    LIFECYCLE,
    STEP_LABELS,
    ProvisioningError,
    RegionRequest,
    change_lifecycle,
    primary_hostname,
    queue_job,
    retry_job,
    set_status,
    start_provisioning,
)
