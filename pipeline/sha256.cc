// SHA-256 of input files through qpdf's crypto provider (already linked for the PDF writer),
// so the project needs no separate crypto library.
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <qpdf/QPDFCryptoProvider.hh>

#include "pipeline/source_internal.h"

namespace sohoa::pipeline::internal {

Result<std::string> Sha256HexOfFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open for hashing");
  try {
    auto sha = QPDFCryptoProvider::getImpl();
    sha->SHA2_init(256);
    std::array<char, 1 << 16> buffer;
    while (in) {
      in.read(buffer.data(), buffer.size());
      const auto got = in.gcount();
      if (got > 0) sha->SHA2_update(reinterpret_cast<unsigned char*>(buffer.data()), got);
    }
    if (in.bad()) return IoError("read error while hashing");
    sha->SHA2_finalize();
    std::string hex;
    for (unsigned char byte : sha->SHA2_digest()) hex += fmt::format("{:02x}", byte);
    return hex;
  } catch (const std::exception& e) {
    return Internal(fmt::format("SHA-256 failed ({})", e.what()));
  }
}

}  // namespace sohoa::pipeline::internal
