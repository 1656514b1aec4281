// Cross-model relations on the command line's side (Juju's ApplicationOffers facade and the
// application facade's Consume): `offer`, `consume`, `remove-saas`, `remove-offer`, `offers`.
// Offers are found by their URL, `admin/<model>.<offer>`, among this controller's models; an
// offer of another controller is not implemented.
import { JujuSimError, NotFoundError } from '../../core/errors.js';
import type { Endpoint } from '../charm/metadata.js';
import { charmURL } from '../controller/applications.js';
import type { OfferRecord } from '../controller/remote-applications.js';
import type { Params } from '../control/protocol.js';
import type { Model } from '../model.js';
import { controllerName, modelOwner, type Models } from '../models.js';

/** One offer as Juju 3.6's `offers --format json` lists it (cmd/juju/crossmodel ListOfferItem). */
export interface OfferSummary {
  application: string;
  store: string;
  charm: string;
  'offer-url': string;
  endpoints: Record<string, { interface: string; role: string }>;
  connections?: Array<{
    'source-model-uuid': string;
    username: string;
    'relation-id': number;
    endpoint: string;
    status: { current: string; since: string };
  }>;
}

/** Endpoints as Juju's offer and SAAS shapes give them: by name, interface and role. */
export const endpointsOf = (endpoints: Endpoint[]): Record<string, { interface: string; role: string }> =>
  Object.fromEntries(endpoints.map((e) => [e.name, { interface: e.interface, role: e.role }]));

const offerURL = (model: string, offer: string): string => `${modelOwner}/${model}.${offer}`;

/** `offer model.app:ep[,ep] [name]`: the offer's URL. */
export function addOffer(model: Model, p: Params<'offer'>): { url: string } {
  const offer = model.controller.remoteApplications.offer(p.name ?? p.application, p.application, p.endpoints);
  return { url: offerURL(model.name, offer.name) };
}

/** `offers`: this model's offers by name, with the relations that use each. */
export function listOffers(model: Model): Record<string, OfferSummary> {
  const { remoteApplications, applications } = model.controller;
  const listed: Record<string, OfferSummary> = {};
  for (const offer of remoteApplications.offers()) {
    const connections = remoteApplications.offerConnections(offer).map((relation) => {
      const offered = relation.endpoints.find((e) => e.application === offer.application)!;
      const consumer = relation.endpoints.find((e) => e !== offered)!;
      return {
        'source-model-uuid': remoteApplications.findRemote(consumer.application)?.sourceModelUuid ?? '',
        username: modelOwner,
        'relation-id': relation.id,
        endpoint: offered.endpoint,
        status: { current: relation.life === 'alive' ? 'joined' : 'dying', since: new Date().toISOString() },
      };
    });
    listed[offer.name] = {
      application: offer.application,
      store: controllerName,
      charm: charmURL(applications.get(offer.application)),
      'offer-url': offerURL(model.name, offer.name),
      endpoints: endpointsOf(offer.endpoints),
      ...(connections.length ? { connections } : {}),
    };
  }
  return listed;
}

/** `[controller:][owner/]model.offer` → the model and the offer. */
function parseOfferURL(url: string): { model: string; offer: string } {
  const colon = url.indexOf(':');
  if (colon >= 0 && url.slice(0, colon) !== controllerName) {
    throw new JujuSimError(`offers of another controller ("${url}") are not implemented in juju-sim`);
  }
  const path = url.slice(colon + 1);
  const slash = path.indexOf('/');
  if (slash >= 0 && path.slice(0, slash) !== modelOwner) throw new NotFoundError(`application offer "${path}"`);
  const [model, offer, ...rest] = path.slice(slash + 1).split('.');
  if (!model || !offer || rest.length > 0) throw new JujuSimError(`application offer URL "${url}" is not valid: expected [<controller>:][<owner>/]<model>.<offer>`);
  if (offer.includes(':')) throw new JujuSimError(`saas offer "${url}" shouldn't include endpoint`);
  return { model, offer };
}

/** One offer as Juju 3.6's `show-offer --format json` shows it, keyed by its URL with the controller. */
export interface OfferDetails {
  access: string;
  endpoints: Record<string, { interface: string; role: string }>;
  users: Record<string, { 'display-name': string; access: string }>;
}

/** The offering model and the offer a URL names. */
function findOffer(models: Models, url: string): { offering: Model; offer: OfferRecord; url: string } {
  const { model, offer: offerName } = parseOfferURL(url);
  const full = offerURL(model, offerName);
  let offering: Model;
  try {
    offering = models.get(model);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(`application offer "${full}"`);
    throw err;
  }
  const offer = offering.controller.remoteApplications.findOffer(offerName);
  if (!offer) throw new NotFoundError(`application offer "${full}"`);
  return { offering, offer, url: full };
}

/** `show-offer [model.]offer`: the offer of the model it names, else of the request's model. */
export function showOffer(model: Model, models: Models, p: Params<'show-offer'>): Record<string, OfferDetails> {
  const { offer, url } = findOffer(models, p.url.includes('.') ? p.url : `${model.name}.${p.url}`);
  const admin = { 'display-name': modelOwner, access: 'admin' };
  return {
    [`${controllerName}:${url}`]: {
      access: 'admin',
      endpoints: endpointsOf(offer.endpoints),
      users: { [modelOwner]: admin },
    },
  };
}

/** `consume url [alias]`: a remote application named alias (the offer's name without one) in the consuming model. */
export function consume(consumer: Model, models: Models, p: Params<'consume'>): { url: string; alias: string } {
  const { offering, offer, url } = findOffer(models, p.url);
  if (offering === consumer) throw new JujuSimError(`cannot consume offer "${url}" into the model that offers it`);
  const alias = p.alias ?? offer.name;
  consumer.controller.remoteApplications.addRemote({ name: alias, url, sourceModel: offering.name, sourceModelUuid: offering.controller.model().uuid, endpoints: offer.endpoints, consumerProxy: false });
  return { url, alias };
}
