#include "object_registry.h"

namespace strata::introspect {

void ObjectRegistry::add_object(const CatalogAddress& address, const std::string& key) {
  objects_[address] = key;
}

void ObjectRegistry::add_alias(const CatalogAddress& address, const std::string& key) {
  aliases_[address] = key;
}

void ObjectRegistry::add_extension_member(const CatalogAddress& address,
                                          const std::string& extension_key) {
  extension_members_[address] = extension_key;
}

const std::string* ObjectRegistry::lookup(const Map& map, const CatalogAddress& address) {
  auto it = map.find(address);
  return it == map.end() ? nullptr : &it->second;
}

const std::string* ObjectRegistry::object_at(const CatalogAddress& address) const {
  return lookup(objects_, address);
}

const std::string* ObjectRegistry::owner_of(const CatalogAddress& address) const {
  for (const CatalogAddress& candidate : {address, address.whole_object()}) {
    if (const auto* key = lookup(objects_, candidate)) return key;
    if (const auto* key = lookup(aliases_, candidate)) return key;
  }
  return nullptr;
}

const std::string* ObjectRegistry::dependency_target(const CatalogAddress& address) const {
  if (const auto* key = owner_of(address)) return key;
  return lookup(extension_members_, address.whole_object());
}

bool ObjectRegistry::is_extension_member(const CatalogAddress& address) const {
  return lookup(extension_members_, address.whole_object()) != nullptr;
}

}  // namespace strata::introspect
