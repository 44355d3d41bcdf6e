// AuditsService: audit tools, versioned. A version is created as a draft and released as it
// stands; nothing changes it afterwards, so every audit reads against the questions it was
// done with. A correction is a new version.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/audits/tools.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {

AuditsService::Reactor* AuditsService::CreateAuditToolVersion(
    Ctx* ctx, const v1::CreateAuditToolVersionRequest* req, v1::AuditToolVersion* out) {
  auto who = Caller(ctx, *req, roles::kToolAuthors, "CreateAuditToolVersion");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto parent = ParseToolParent(req->parent(), "parent"); !parent.ok()) {
    return Reply(ctx, parent.status());
  }
  if (auto st = CheckToolVersion(req->version()); !st.ok()) return Reply(ctx, st);
  return Change<v1::AuditToolVersion>(
      ctx, *who, *req, "CreateAuditToolVersion",
      [this, req, who = *who](Tx& tx) { return CreateToolVersionTx(tx, who, *req); }, out);
}

absl::StatusOr<v1::AuditToolVersion> AuditsService::CreateToolVersionTx(
    Tx& tx, const Principal& who, const v1::CreateAuditToolVersionRequest& req) const {
  ASSURE_ASSIGN_OR_RETURN(const std::string tool, ParseToolParent(req.parent(), "parent"));
  ASSURE_ASSIGN_OR_RETURN(const int64_t seq, AuditsStore::NextToolSeq(tx.db(), who.tenant, tool));
  v1::AuditToolVersion t;
  t.set_name(ToolVersionNameOf(tool, seq));
  t.set_title(req.version().title());
  *t.mutable_sections() = req.version().sections();
  *t.mutable_grades() = req.version().grades();
  if (t.grades_size() == 0) {
    for (auto& g : DefaultGrades()) t.add_grades(std::move(g));
  }
  t.set_state(v1::TOOL_STATE_DRAFT);
  t.set_created_by(who.subject);
  *t.mutable_create_time() = ToProto(clock_.Now());
  ASSURE_RETURN_IF_ERROR(AuditsStore::InsertToolVersion(tx.db(), who.tenant, tool, seq, t));
  ASSURE_RETURN_IF_ERROR(
      store::RecordAccess(tx.db(), who, "CreateAuditToolVersion", t.name(), clock_.Now()));
  return t;
}

AuditsService::Reactor* AuditsService::ReleaseAuditToolVersion(
    Ctx* ctx, const v1::ReleaseAuditToolVersionRequest* req, v1::AuditToolVersion* out) {
  auto who = Caller(ctx, *req, roles::kToolAuthors, "ReleaseAuditToolVersion");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseToolVersionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  return Change<v1::AuditToolVersion>(
      ctx, *who, *req, "ReleaseAuditToolVersion",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::AuditToolVersion> {
        ASSURE_ASSIGN_OR_RETURN(auto t, AuditsStore::LoadToolVersion(tx.db(), who.tenant,
                                                                     name.tool, name.version));
        if (!t) return NotFound(req->name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req->etag(), t->etag(), t->name()));
        if (t->state() == v1::TOOL_STATE_RELEASED) {
          return FailedRule("tool.released", "a released version never changes");
        }
        t->set_state(v1::TOOL_STATE_RELEASED);
        t->set_released_by(who.subject);
        *t->mutable_release_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(
            AuditsStore::UpdateToolVersion(tx.db(), who.tenant, name.tool, name.version, *t));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "ReleaseAuditToolVersion", t->name(), clock_.Now()));
        return *std::move(t);
      },
      out);
}

AuditsService::Reactor* AuditsService::GetAuditToolVersion(
    Ctx* ctx, const v1::GetAuditToolVersionRequest* req, v1::AuditToolVersion* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetAuditToolVersion");
  if (!who.ok()) return Reply(ctx, who.status());
  auto name = ParseToolVersionName(req->name(), "name");
  if (!name.ok()) return Reply(ctx, name.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto t, AuditsStore::LoadToolVersion(db, who->tenant, name->tool,
                                                                 name->version));
    if (!t) return NotFound(req->name());
    *out = *std::move(t);
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetAuditToolVersion", {req->name()}, absl::OkStatus());
}

AuditsService::Reactor* AuditsService::ListAuditToolVersions(
    Ctx* ctx, const v1::ListAuditToolVersionsRequest* req, v1::ListAuditToolVersionsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "ListAuditToolVersions");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ToolVersionQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.tool, ParseToolParent(req->parent(), "parent", true));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"state"}));
    ASSURE_ASSIGN_OR_RETURN(q.state, EnumTerm<v1::ToolState>(terms, "state", v1::ToolState_Parse,
                                                             "TOOL_STATE_RELEASED"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseToolVersionName(after, "page_token"));
      q.after_tool = last.tool;
      q.after_seq = last.version;
    }
    q.limit = size + 1;
    std::vector<v1::AuditToolVersion> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, AuditsStore::ListToolVersions(db, who->tenant, q));
      return absl::OkStatus();
    }));
    *out->mutable_next_page_token() =
        TrimPage(rows, size, query, [](const v1::AuditToolVersion& t) { return t.name(); });
    for (auto& t : rows) {
      read.push_back(t.name());
      *out->add_versions() = std::move(t);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListAuditToolVersions", std::move(read), st);
}

}  // namespace assure::audits
