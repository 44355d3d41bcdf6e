// AuditsService: the theme register, and what goes from audits to action plans: an area for
// development once enough audits of a month raise it, and a themed programme's
// recommendations. Each finding is queued in the outbox in the same transaction as the
// change that raises it, and waits there until action plans takes it.
#include "absl/strings/str_cat.h"
#include "protos/assure/audits/v1/names.h"
#include "services/audits/programme.h"
#include "services/audits/roles.h"
#include "services/audits/service.h"
#include "services/audits/themes.h"
#include "services/audits/validation.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/store/access_record.h"

namespace assure::audits {
namespace {

constexpr char kCreateFinding[] = "/assure.actionplans.v1.ActionPlansService/CreateFinding";

std::string FindingName(const plans::CreateFindingRequest& req) {
  return absl::StrCat("findings/", req.finding_id());
}

}  // namespace

absl::Status AuditsService::TallyThemes(Tx& tx, const Principal& who, const v1::Audit& a,
                                        int threshold) const {
  for (v1::ThemeKind kind : {v1::THEME_KIND_AREA_FOR_DEVELOPMENT, v1::THEME_KIND_STRENGTH}) {
    for (const std::string& tag : TagsOf(a, kind)) {
      ASSURE_ASSIGN_OR_RETURN(const ThemeTally tally,
                              AuditsStore::CountTheme(tx.db(), who.tenant, a.month(), kind, tag));
      if (kind != v1::THEME_KIND_AREA_FOR_DEVELOPMENT || tally.audits < threshold ||
          !tally.finding.empty()) {
        continue;
      }
      plans::CreateFindingRequest finding =
          ThemeFinding(a.month(), tag, static_cast<int>(tally.audits), who.subject, clock_.Now());
      ASSURE_RETURN_IF_ERROR(
          outbox_.Enqueue(tx, who, kCreateFinding, finding, clock_.Now()).status());
      ASSURE_RETURN_IF_ERROR(AuditsStore::MarkThemeReferred(tx.db(), who.tenant, a.month(), kind,
                                                            tag, FindingName(finding)));
    }
  }
  return absl::OkStatus();
}

AuditsService::Reactor* AuditsService::RecommendFromProgramme(
    Ctx* ctx, const v1::RecommendFromProgrammeRequest* req, v1::Selection* out) {
  auto who = Caller(ctx, *req, roles::kSelectors, "RecommendFromProgramme");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseSelectionName(req->name(), "name");
  if (!id.ok()) return Reply(ctx, id.status());
  if (auto st = ValidateRecommendation(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::Selection>(
      ctx, *who, *req, "RecommendFromProgramme",
      [this, req, who = *who, id = *id](Tx& tx) -> absl::StatusOr<v1::Selection> {
        ASSURE_ASSIGN_OR_RETURN(auto s, AuditsStore::LoadSelection(tx.db(), who.tenant, id));
        if (!s) return NotFound(req->name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req->etag(), s->etag(), s->name()));
        if (s->type() != v1::AUDIT_TYPE_THEMED) {
          return FailedRule("programme.themed", absl::StrCat(s->name(),
                                                             " is not a themed "
                                                             "programme"));
        }
        v1::ProgrammeRecommendation r = req->recommendation();
        r.set_recommended_by(who.subject);
        *r.mutable_recommend_time() = ToProto(clock_.Now());
        plans::CreateFindingRequest finding = ProgrammeFinding(*s, r, clock_.Now());
        ASSURE_RETURN_IF_ERROR(
            outbox_.Enqueue(tx, who, kCreateFinding, finding, clock_.Now()).status());
        r.set_finding(FindingName(finding));
        *s->add_recommendations() = std::move(r);
        ASSURE_RETURN_IF_ERROR(AuditsStore::UpdateSelection(tx.db(), who.tenant, id, *s));
        ASSURE_RETURN_IF_ERROR(
            store::RecordAccess(tx.db(), who, "RecommendFromProgramme", s->name(), clock_.Now()));
        // Answered as GetSelection answers it: the progress counted from the audits.
        ASSURE_ASSIGN_OR_RETURN(const auto audits,
                                AuditsStore::AuditsOfSelection(tx.db(), who.tenant, s->name()));
        CountTierProgress(audits, *s);
        return *std::move(s);
      },
      out);
}

AuditsService::Reactor* AuditsService::GetThemeRegister(Ctx* ctx,
                                                        const v1::GetThemeRegisterRequest* req,
                                                        v1::ThemeRegister* out) {
  auto who = Caller(ctx, *req, roles::kReaders, "GetThemeRegister");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateMonth(req->month(), "month"); !st.ok()) return Reply(ctx, st);
  const auto year = YearEnding(req->month());
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const v1::AuditSettings settings, SettingsOf(db, who->tenant));
    ASSURE_ASSIGN_OR_RETURN(const auto audits, AuditsStore::AuditsBetweenMonths(
                                                   db, who->tenant, year.front(), year.back()));
    ASSURE_ASSIGN_OR_RETURN(const auto referrals, AuditsStore::ThemeReferrals(
                                                      db, who->tenant, year.front(), year.back()));
    *out = ThemeRegisterOf(req->month(), audits, referrals, settings.theme_referral_threshold());
    return absl::OkStatus();
  }));
}

}  // namespace assure::audits
