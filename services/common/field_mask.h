// Update with a field mask (AIP-134), written once: only the paths a caller may set are
// accepted, and an empty mask means "every field a caller may set".
#ifndef ASSURE_SERVICES_COMMON_FIELD_MASK_H_
#define ASSURE_SERVICES_COMMON_FIELD_MASK_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace assure {

// Copies the masked paths of `patch` over `target`; repeated and message fields are
// replaced whole. INVALID_ARGUMENT naming update_mask for a path not in `mutable_paths`.
absl::Status ApplyFieldMask(const google::protobuf::Message& patch,
                            const google::protobuf::FieldMask& mask,
                            const std::vector<std::string>& mutable_paths,
                            google::protobuf::Message* target);

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_FIELD_MASK_H_
