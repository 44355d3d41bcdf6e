// How long an audit is kept: as long as the case record it is about (DOMAIN: looked-after
// records to the 75th birthday, adoption records 100 years; unconfirmed). Pure.
#ifndef ASSURE_SERVICES_AUDITS_RETENTION_H_
#define ASSURE_SERVICES_AUDITS_RETENTION_H_

#include "assure/audits/v1/resources.pb.h"

namespace assure::audits {

// Adoption outranks looked after, which outranks any other case record.
v1::RetentionClass RetentionOf(const v1::Case& c);

}  // namespace assure::audits

#endif  // ASSURE_SERVICES_AUDITS_RETENTION_H_
