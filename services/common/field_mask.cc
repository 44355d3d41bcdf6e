#include "services/common/field_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/errors.h"

namespace assure {

absl::Status ApplyFieldMask(const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::vector<std::string>& mutable_paths,
                            google::protobuf::Message* target) {
  google::protobuf::FieldMask effective;
  if (mask.paths_size() == 0) {
    for (const auto& p : mutable_paths) effective.add_paths(p);
  } else {
    for (const auto& p : mask.paths()) {
      if (std::find(mutable_paths.begin(), mutable_paths.end(), p) == mutable_paths.end()) {
        return InvalidField("update_mask", absl::StrCat("'", p, "' cannot be updated; paths: ",
                                                        absl::StrJoin(mutable_paths, ", ")));
      }
    }
    effective = mask;
  }
  google::protobuf::util::FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(patch, effective, options, target);
  return absl::OkStatus();
}

}  // namespace assure
