// JWS carries an ES256 signature as raw r||s (32 bytes each); OpenSSL speaks DER. These
// convert between the two.
#ifndef ASSURE_SERVICES_COMMON_AUTH_ECDSA_ENCODING_H_
#define ASSURE_SERVICES_COMMON_AUTH_ECDSA_ENCODING_H_

#include <optional>
#include <string>

namespace assure::auth {

std::optional<std::string> RawToDerSignature(const std::string& raw);
std::optional<std::string> DerToRawSignature(const std::string& der);

}  // namespace assure::auth

#endif  // ASSURE_SERVICES_COMMON_AUTH_ECDSA_ENCODING_H_
